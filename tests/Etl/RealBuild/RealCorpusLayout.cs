using System.Text.RegularExpressions;

namespace Warehouse.Tests.Etl.RealBuild;

/// <summary>
/// Lays out the real downloads of <c>../shared/real-samples</c> as a data team keeps them for a <c>kind: directory</c>
/// build — symlinks, never copies — and writes a pipelines.yml (the repository's analysis section, real sources) beside
/// them. The layout and the sources are the README's "A real build" example.
/// </summary>
internal static partial class RealCorpusLayout
{
    /// <summary>Portal exports by folder (one folder per release a team downloaded), with their table specs.</summary>
    public static readonly (string Folder, string Sample, string TableYaml)[] PortalFiles =
    [
        ("nbs", "nbs-portal/fsnd_gdp_2006_2024_gb18030.csv", "- id: gdp\n        match: \"fsnd_gdp_2006_2024*\"\n        profile: nbs_provincial_indicator"),
        .. Enumerable.Range(2019, 6).Select(y => ("nbs", $"nbs-portal/fsnd_gdp_by_sector_{y}.csv",
            $"- id: gdp_by_sector_{y}\n        match: \"fsnd_gdp_by_sector_{y}.csv\"\n        profile: nbs_provincial_indicator")),
        ("nbs", "nbs-portal/fsnd_urban_employment_by_sector_2024.csv", "- id: urban_employment_2024\n        match: \"fsnd_urban_employment_by_sector_2024.csv\"\n        profile: nbs_provincial_indicator"),
    ];

    /// <summary>Builds the layout under <paramref name="root"/>; returns the pipelines.yml path. Ignores the test when the samples are absent.</summary>
    public static string Create(string root)
    {
        foreach (var (folder, sample, _) in PortalFiles)
        {
            var target = TestPaths.RealSample(sample);
            var dir = Path.Combine(root, "real", folder);
            Directory.CreateDirectory(dir);
            File.CreateSymbolicLink(Path.Combine(dir, Path.GetFileName(sample)), target);
        }

        var sources = string.Join("\n", PortalFiles.GroupBy(f => f.Folder).Select(g =>
            $"  {SourceName(g.Key)}:\n    kind: directory\n    location: real/{g.Key}\n    tables:\n" +
            string.Join("\n", g.Select(f => "      " + f.TableYaml))));
        var repository = File.ReadAllText(RepositoryPaths.PipelinesYml);
        var analysis = repository[repository.IndexOf("\nanalysis:", StringComparison.Ordinal)..]
            .Replace("report_dir: .warehouse/report", "report_dir: report", StringComparison.Ordinal);
        var yaml = $"""
            warehouse:
              path: warehouse.duckdb
              keep_previous: 1
              raw_archive: raw
              log_dir: logs
              demo_cache: demo

            sources:
            {sources}

            pipelines:
              nightly:
                schedule: "0 3 * * *"
                steps: [extract, load, transform, test, analyze, report]

            """ + analysis;
        var path = Path.Combine(root, "pipelines.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary><c>nbs-2020</c> → <c>nbs_2020</c>: one source per folder.</summary>
    public static string SourceName(string folder) => NonIdentifier().Replace(folder, "_");

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NonIdentifier();
}
