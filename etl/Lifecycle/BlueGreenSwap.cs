namespace Warehouse.Etl.Lifecycle;

/// <summary>Puts a finished, tested build live: the current live file is copied to <c>previous-1</c> (older
/// ones shift up, beyond <c>keep_previous</c> they are deleted), then the candidate is renamed over the live
/// path. The rename is atomic on one filesystem, so a reader sees either the old file or the new one, never
/// a gap or a half-written file; readers holding the old file open keep reading it until they close.</summary>
public static class BlueGreenSwap
{
    public static void Promote(WarehouseFiles files, string candidatePath, int keepPrevious)
    {
        if (File.Exists(files.LivePath) && keepPrevious > 0)
        {
            WarehouseFiles.DeleteDatabase(files.Previous(keepPrevious));
            for (int n = keepPrevious - 1; n >= 1; n--)
            {
                if (File.Exists(files.Previous(n)))
                {
                    File.Move(files.Previous(n), files.Previous(n + 1));
                }
            }

            // Copy, not move: the live path must exist at every instant for analysts' connections.
            File.Copy(files.LivePath, files.Previous(1), overwrite: true);
        }

        File.Move(candidatePath, files.LivePath, overwrite: true);
        PruneBeyond(files, keepPrevious);
    }

    /// <summary>Deletes previous builds numbered above <paramref name="keepPrevious"/> (after the setting shrank).</summary>
    private static void PruneBeyond(WarehouseFiles files, int keepPrevious)
    {
        for (int n = keepPrevious + 1; File.Exists(files.Previous(n)); n++)
        {
            WarehouseFiles.DeleteDatabase(files.Previous(n));
        }
    }
}
