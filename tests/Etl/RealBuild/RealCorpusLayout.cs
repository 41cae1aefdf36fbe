namespace Warehouse.Tests.Etl.RealBuild;

/// <summary>
/// Lays out the real downloads of <c>../shared/real-samples</c> as a data team keeps them for a <c>kind: directory</c>
/// build — symlinks, never copies — and writes a pipelines.yml (the repository's analysis section, real sources) beside
/// them. The layout and the sources are the README's "A real build" example: NBS portal exports in <c>nbs/</c> (some
/// pinned with <c>indicator:</c> / <c>unit:</c> / <c>release:</c> because they print none), S&amp;T yearbook tables in
/// <c>sti/&lt;edition&gt;/</c> under stable names.
/// </summary>
internal static class RealCorpusLayout
{
    /// <summary>The S&amp;T yearbook of edition E prints data year E − 1 (every title says so); sample files are named by data year.</summary>
    public const int OperationFirstYear = 2010;

    /// <summary>Inbox path → sample path.</summary>
    public static IEnumerable<(string Inbox, string Sample)> Files()
    {
        yield return ("nbs/fsnd_gdp_2006_2024_gb18030.csv", "nbs-portal/fsnd_gdp_2006_2024_gb18030.csv");
        foreach (var year in Enumerable.Range(2019, 6))
            yield return ($"nbs/fsnd_gdp_by_sector_{year}.csv", $"nbs-portal/fsnd_gdp_by_sector_{year}.csv");
        yield return ("nbs/fsnd_urban_employment_by_sector_2024.csv", "nbs-portal/fsnd_urban_employment_by_sector_2024.csv");
        yield return ("nbs/fsnd_gdp_2015_2019.xls", "nbs-portal/fsnd_gdp_2015_2019.xls");
        yield return ("nbs/AnnualbyProvince_gdp_2004_2023.xls", "nbs-portal/AnnualbyProvince_gdp_2004_2023_english.xls");
        yield return ("nbs/fsnd_gdp_2005_2023_trimmed.xls", "nbs-portal/fsnd_gdp_2005_2023_trimmed.xls");
        yield return ("nbs/AnnualbyProvince_population_2000_2020.csv", "nbs-portal/AnnualbyProvince_population_2000_2020_trimmed.csv");

        // Data years 2010–2016 (editions 2011–2017) print export delivery value; no 2017 data year was collected.
        foreach (var year in Enumerable.Range(OperationFirstYear, 7))
            yield return ($"sti/{year + 1}/hightech_operation_by_region.xls", $"sti-yearbook/hightech_operation_by_region_{year}.xls");
        foreach (var year in Enumerable.Range(2018, 6))
        {
            var edition = year + 1;
            yield return ($"sti/{edition}/hightech_operation_by_region{(year == 2022 ? ".xlsx" : ".xls")}", $"sti-yearbook/hightech_operation_by_region_{year}{(year == 2022 ? ".xlsx" : ".xls")}");
            yield return ($"sti/{edition}/hightech_rd_by_region{(year == 2021 ? ".xlsx" : ".xls")}", $"sti-yearbook/hightech_rd_by_region_{year}{(year == 2021 ? ".xlsx" : ".xls")}");
            yield return ($"sti/{edition}/rd_by_region{(year == 2021 ? ".xlsx" : ".xls")}", $"sti-yearbook/rd_by_region_{year}{(year == 2021 ? ".xlsx" : ".xls")}");
        }
    }

    /// <summary>The sources of the README's real build, verbatim.</summary>
    public const string Sources = """
          nbs:
            kind: directory
            location: real/nbs
            tables:
              - id: gdp
                match: "fsnd_gdp_2006_2024*"
              - id: gdp_by_sector_2019
                match: "fsnd_gdp_by_sector_2019.csv"
              - id: gdp_by_sector_2020
                match: "fsnd_gdp_by_sector_2020.csv"
              - id: gdp_by_sector_2021
                match: "fsnd_gdp_by_sector_2021.csv"
              - id: gdp_by_sector_2022
                match: "fsnd_gdp_by_sector_2022.csv"
              - id: gdp_by_sector_2023
                match: "fsnd_gdp_by_sector_2023.csv"
              - id: gdp_by_sector_2024
                match: "fsnd_gdp_by_sector_2024.csv"
              - id: urban_employment_2024
                match: "fsnd_urban_employment_by_sector_2024.csv"
              - id: gdp_2015_2019
                match: "fsnd_gdp_2015_2019.xls"
              - id: gdp_english
                match: "AnnualbyProvince_gdp_*.xls"
                release: "2024-03"
              - id: gdp_trimmed
                match: "fsnd_gdp_2005_2023_trimmed.xls"
                indicator: gdp
                unit: 亿元
                release: "2024-03"
              - id: population
                match: "AnnualbyProvince_population_*.csv"
                indicator: population
                unit: 万人
          sti:
            kind: directory
            location: real/sti
            editions: "2019..2024"
            tables:
              - id: "5-2"
                match: "hightech_operation_by_region.*"
              - id: "5-4"
                match: "hightech_rd_by_region.*"
              - id: "1-8"
                match: "rd_by_region.*"
          sti_2011_2017:
            kind: directory
            location: real/sti
            editions: "2011..2017"
            tables:
              - id: "5-3"
                match: "hightech_operation_by_region.*"
        """;

    /// <summary>Builds the layout under <paramref name="root"/>; returns the pipelines.yml path. Ignores the test when the samples are absent.</summary>
    public static string Create(string root)
    {
        foreach (var (inbox, sample) in Files())
        {
            var target = TestPaths.RealSample(sample);
            var link = Path.Combine(root, "real", inbox);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, target);
        }

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
            {Sources}

            pipelines:
              nightly:
                schedule: "0 3 * * *"
                steps: [extract, load, transform, test, analyze, report]

            """ + analysis;
        var path = Path.Combine(root, "pipelines.yml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
