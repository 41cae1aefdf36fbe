using System.Diagnostics;
using System.Security.Cryptography;

namespace Warehouse.Bench.Fuzzing;

/// <summary>
/// Runs mutated seeds through each reader until the time budget is spent. The only outcomes allowed are a result or a
/// clean error; anything else, or an input that runs past its own time limit, is a failure, and the input is kept (in
/// <c>keep</c>, named by target and content hash) so it becomes a regression fixture. The memory budget is the process's:
/// run it under <c>DOTNET_GCHeapHardLimit</c> and an input that would take more dies as an OutOfMemoryException failure.
/// </summary>
public static class Fuzzer
{
    /// <summary>Fuzzes every target for its share of <paramref name="budget"/>.</summary>
    /// <param name="targets">The readers, each with its seed files.</param>
    /// <param name="budget">Total wall time.</param>
    /// <param name="perInput">Longest one input may take before it counts as a hang.</param>
    /// <param name="seed">Random seed: the same seed, seeds and budget give the same mutations.</param>
    /// <param name="keep">Folder for failing inputs, or null.</param>
    public static IReadOnlyList<FuzzTally> Run(IReadOnlyList<(FuzzTarget Target, IReadOnlyList<byte[]> Seeds)> targets, TimeSpan budget, TimeSpan perInput, int seed, string? keep)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var random = new Random(seed);
        var tallies = new List<FuzzTally>();
        var share = budget / Math.Max(1, targets.Count);
        foreach (var (target, seeds) in targets)
        {
            var clock = Stopwatch.StartNew();
            int inputs = 0, results = 0, clean = 0;
            var failures = new List<FuzzFailure>();
            while (seeds.Count > 0 && (clock.Elapsed < share || inputs < seeds.Count))
            {
                var original = seeds[inputs % seeds.Count];
                var (bytes, mutation) = inputs < seeds.Count ? (original, "none (seed)") : Mutations.Apply(original, random);
                inputs++;
                var inProgress = Keep(keep, target, bytes, "running");
                switch (RunOne(target, bytes, perInput, out var problem))
                {
                    case Outcome.Result:
                        results++;
                        break;
                    case Outcome.CleanError:
                        clean++;
                        break;
                    default:
                        failures.Add(new FuzzFailure(target.Name, mutation, problem!, Keep(keep, target, bytes)));
                        break;
                }

                if (inProgress is not null)
                    File.Delete(inProgress); // answered (failures are kept under their hash)
                if (failures.Count > 0 && failures[^1].Problem.StartsWith("ran past", StringComparison.Ordinal))
                    break; // the hung input's thread still runs; stop this target rather than pile up more
            }

            tallies.Add(new FuzzTally(target.Name, inputs, results, clean, failures));
        }

        return tallies;
    }

    /// <summary>Reads every file once (kept failing inputs, replayed as regressions).</summary>
    public static FuzzTally Replay(FuzzTarget target, IReadOnlyList<(string Name, byte[] Bytes)> files, TimeSpan perInput)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(files);
        int results = 0, clean = 0;
        var failures = new List<FuzzFailure>();
        foreach (var (name, bytes) in files)
        {
            switch (RunOne(target, bytes, perInput, out var problem))
            {
                case Outcome.Result:
                    results++;
                    break;
                case Outcome.CleanError:
                    clean++;
                    break;
                default:
                    failures.Add(new FuzzFailure(target.Name, "replay of " + name, problem!, name));
                    break;
            }
        }

        return new FuzzTally(target.Name, files.Count, results, clean, failures);
    }

    private enum Outcome
    {
        Result,
        CleanError,
        Failure,
    }

    private static Outcome RunOne(FuzzTarget target, byte[] bytes, TimeSpan perInput, out string? problem)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                target.Read(bytes);
            }
#pragma warning disable CA1031 // the fuzzer's job is to see every exception a reader lets out
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex;
            }
        }) { IsBackground = true };
        thread.Start();
        if (!thread.Join(perInput))
        {
            problem = $"ran past {perInput.TotalSeconds:0.#} s";
            return Outcome.Failure;
        }

        problem = null;
        if (error is null)
            return Outcome.Result;
        if (target.IsCleanError(error))
            return Outcome.CleanError;
        problem = $"{error.GetType().Name}: {error.Message.Split('\n')[0]}";
        return Outcome.Failure;
    }

    /// <summary>
    /// Writes the input to the keep folder. The one being run is written first as <c>*-running*</c> and removed when it
    /// is answered: an input that kills the process (a stack overflow, the kernel's OOM killer) is left behind.
    /// </summary>
    private static string? Keep(string? folder, FuzzTarget target, byte[] bytes, string? state = null)
    {
        if (folder is null)
            return null;
        Directory.CreateDirectory(folder);
        var name = state is null ? Convert.ToHexStringLower(SHA256.HashData(bytes))[..12] : state;
        var path = Path.Combine(folder, $"{target.Name}-{name}{target.Extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
