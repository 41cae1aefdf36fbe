using System.CommandLine;
using System.Security.Cryptography;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Cli;

/// <summary>What <c>build</c>, <c>run</c> and <c>backfill</c> share: load the config, turn the common options
/// into a <see cref="BuildRequest"/>, run the pipeline, map the outcome to an exit code.</summary>
internal static class PipelineVerb
{
    /// <summary>Environment variable that holds a build just before its swap until it is cancelled or killed.
    /// Only the lifecycle tests set it (to kill -9 a real build at its most delicate moment).</summary>
    public const string HoldBeforeSwapVariable = "WAREHOUSE_HOLD_BEFORE_SWAP";

    public static async Task<int> RunAsync(
        ParseResult parseResult, Func<PipelinesFile, YearRange?, BuildRequest> makeRequest, CancellationToken cancellationToken)
    {
        var verb = VerbOutput.Of(parseResult);
        // A build hashes its inputs (sha256) right after the config is read; the first hash loads and configures
        // OpenSSL's libcrypto, which is done here on a core the config's parse leaves idle.
        _ = Task.Run(static () => SHA256.HashData(ReadOnlySpan<byte>.Empty), CancellationToken.None);
        try
        {
            var config = ConfigLoader.Load(parseResult.GetValue(CommonOptions.Config)!);
            YearRange? years = parseResult.GetValue(CommonOptions.Years) is { } text ? ParseYears(text) : null;
            var request = makeRequest(config, years) with
            {
                Select = parseResult.GetValue(CommonOptions.Select) ?? [],
                Offline = parseResult.GetValue(CommonOptions.Offline),
                DryRun = parseResult.GetValue(CommonOptions.DryRun),
                LivePath = parseResult.GetValue(CommonOptions.Db) is { } db ? Path.GetFullPath(db) : null,
            };
            request = request with { FullRefresh = request.FullRefresh || parseResult.GetValue(CommonOptions.FullRefresh) };
            var runner = new PipelineRunner(config, new PipelineParts(), TimeProvider.System, StepConsole.ForProcess(), verb.Output, verb.Errors)
            {
                BeforeSwap = Environment.GetEnvironmentVariable(HoldBeforeSwapVariable) == "1" ? HoldAsync : null,
            };
            using var shutdown = ShutdownSignals.Link(cancellationToken);
            var result = await runner.RunAsync(request, shutdown.Token);
            return ExitCodes.Of(result.Outcome);
        }
        catch (ConfigException ex)
        {
            verb.Error(ex.Message);
            return ExitCodes.Usage;
        }
    }

    private static YearRange ParseYears(string text) =>
        YearRange.TryParse(text, out var range, out string error) ? range : throw new ConfigException($"--years: {error}");

    private static async Task HoldAsync(CancellationToken cancellationToken)
    {
        await Console.Out.WriteLineAsync("holding before swap");
        await Console.Out.FlushAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
