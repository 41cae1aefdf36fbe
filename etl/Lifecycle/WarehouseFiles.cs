using System.Text.RegularExpressions;
using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Lifecycle;

/// <summary>The files around a live warehouse <c>dir/name.duckdb</c>: the build candidate
/// <c>name.&lt;run-id&gt;.duckdb</c>, previous builds <c>name.previous-N.duckdb</c>, the last failed build
/// <c>name.failed.duckdb</c> and the build lock <c>name.duckdb.build-lock</c>. All live in one folder, so the
/// swap is a same-filesystem rename.</summary>
public sealed class WarehouseFiles(string livePath)
{
    public string LivePath { get; } = Path.GetFullPath(livePath);

    public string Folder => Path.GetDirectoryName(LivePath)!;

    private string Stem => Path.GetFileNameWithoutExtension(LivePath);

    public string LockPath => LivePath + ".build-lock";

    public string FailedPath => Path.Combine(Folder, $"{Stem}.failed.duckdb");

    public string Candidate(string runId) => Path.Combine(Folder, $"{Stem}.{runId}.duckdb");

    public string Previous(int n) => Path.Combine(Folder, $"{Stem}.previous-{n}.duckdb");

    /// <summary>Build candidates left by runs that died (kill -9, power loss), with their .wal files.</summary>
    public IEnumerable<string> CandidateFiles()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var pattern = new Regex($"^{Regex.Escape(Stem)}\\.{RunId.Pattern}\\.duckdb(\\.wal)?$");
        return Directory.EnumerateFiles(Folder).Where(f => pattern.IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal);
    }

    /// <summary>Deletes a DuckDB file and its write-ahead log, if present.</summary>
    public static void DeleteDatabase(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }
}
