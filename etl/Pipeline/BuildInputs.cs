using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Serialization;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Pipeline;

/// <summary>
/// Everything a build's result depends on, as one sha256 per part: every input file of the selected sources and
/// editions, pipelines.yml, the table profiles, the sql/ model, the binary, and the request (steps, years, selection,
/// offline). Two builds with equal parts produce the same warehouse, so the second can be skipped
/// (<see cref="UnchangedBuild"/>); the parts say which of them changed when it is not.
/// </summary>
/// <param name="Parts">sha256 (lower-case hex) by part name, e.g. <c>source labour_yearbook 2016</c>, <c>sql</c>.</param>
/// <param name="Sha256">sha256 over all parts, in name order.</param>
public sealed record BuildInputs(IReadOnlyDictionary<string, string> Parts, string Sha256)
{
    /// <summary>The parts as a JSON object (for <c>meta.run.inputs</c>), names in ordinal order.</summary>
    public string ToJson() => JsonSerializer.Serialize(new SortedDictionary<string, string>(Parts.ToDictionary(), StringComparer.Ordinal), WarehouseJson.Default.SortedDictionaryStringString);

    /// <summary>Parses <see cref="ToJson"/>; null or malformed text gives an empty map.</summary>
    public static IReadOnlyDictionary<string, string> PartsFromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return new Dictionary<string, string>();
        try
        {
            return JsonSerializer.Deserialize(json, WarehouseJson.Default.DictionaryStringString) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>Hashes the inputs of <paramref name="request"/> over <paramref name="sources"/>.</summary>
    /// <param name="config">The configuration (its sha256 and profiles folder).</param>
    /// <param name="request">The steps, years, selection and offline flag.</param>
    /// <param name="sources">The selected sources.</param>
    /// <param name="codeIdentity">What identifies the code that runs the steps (<see cref="PipelineParts.CodeIdentity"/>).</param>
    /// <param name="sqlFolder">The sql/ folder the transform applies.</param>
    /// <param name="whyNot">Why the inputs cannot be known before the build reads them (an HTTP source, an offline build), or null.</param>
    /// <returns>The inputs, or null when <paramref name="whyNot"/> is set.</returns>
    public static BuildInputs? Compute(
        PipelinesFile config, BuildRequest request, IReadOnlyList<(string Name, SourceSettings Source)> sources, string codeIdentity, string sqlFolder,
        out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(request);
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["binary"] = Hex(Encoding.UTF8.GetBytes(codeIdentity)),
            ["pipelines.yml"] = config.Sha256,
            ["profiles"] = FolderSha256(config.ProfilesFolder),
            ["sql"] = FolderSha256(sqlFolder),
            ["request"] = Hex(Encoding.UTF8.GetBytes(RequestText(request))),
        };
        if (request.Has(PipelineStep.Extract))
        {
            if (request.Offline)
            {
                whyNot = "an offline build re-parses the raw archive, whose pages are not known before it reads them";
                return null;
            }

            var extractRequest = new ExtractRequest(request.Years?.Years.ToArray(), false, false);
            foreach (var (name, source) in sources)
            {
                if (source.Kind is not (SourceKind.Demo or SourceKind.Directory))
                {
                    whyNot = $"source '{name}' is read over HTTP: its pages must be fetched to know whether they changed";
                    return null;
                }

                foreach (int? edition in SourceExtractor.Editions(source, extractRequest))
                {
                    string folder = DirectorySource.EditionFolder(source.Location, edition);
                    string key = edition is { } e ? $"source {name} {e.ToString(CultureInfo.InvariantCulture)}" : $"source {name}";
                    parts[key] = FolderSha256(folder);
                }
            }
        }

        whyNot = null;
        var all = new StringBuilder();
        foreach (var (key, value) in parts)
            all.Append(key).Append('=').Append(value).Append('\n');
        return new BuildInputs(parts, Hex(Encoding.UTF8.GetBytes(all.ToString())));
    }

    /// <summary>The request options that change what a build produces; <c>--full-refresh</c> is not one (it only forces).</summary>
    private static string RequestText(BuildRequest request) =>
        string.Join('\n',
            "steps=" + string.Join(',', request.Steps),
            "years=" + (request.Years?.ToString() ?? "all"),
            "select=" + string.Join(',', (request.Select ?? []).Order(StringComparer.Ordinal)),
            "offline=" + request.Offline.ToString(CultureInfo.InvariantCulture));

    /// <summary>sha256 over the relative path and sha256 of every file below <paramref name="folder"/>; a missing folder
    /// hashes as <c>missing</c>, so it differs from an empty one and from any later content.</summary>
    private static string FolderSha256(string folder)
    {
        if (!Directory.Exists(folder))
            return "missing";
        var listing = new StringBuilder();
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            listing.Append(Path.GetRelativePath(folder, file).Replace('\\', '/')).Append(' ')
                .Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append('\n');
        }

        return Hex(Encoding.UTF8.GetBytes(listing.ToString()));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
