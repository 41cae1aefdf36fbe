namespace Warehouse.Tests.Etl.Config;

/// <summary>Small pipelines.yml texts for tests: one directory source, one pipeline, the analysis block.</summary>
internal static class TestConfigs
{
    public const string Minimal = """
        warehouse:
          path: warehouse.duckdb
          keep_previous: 1
          raw_archive: raw
          log_dir: logs
          demo_cache: demo

        sources:
          inbox:
            kind: directory
            location: inbox
            editions: "2011..2024"
            tables:
              - id: gdp
                match: "*.csv"
                profile: nbs_provincial_indicator

        pipelines:
          nightly:
            schedule: "0 3 * * *"
            time_zone: America/New_York
            steps: [extract, load]

        analysis:
          sample:
            years: "2010..2023"
          precedence: newest_edition

        """;
}
