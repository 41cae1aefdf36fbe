using System.Globalization;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;

namespace Warehouse.Etl.Runs;

/// <summary>One line of the coverage report: what the panel holds for a model variable (or a whole spec).</summary>
/// <param name="Variable">Panel column (<c>ln_etc</c>, <c>co</c>, …) or <c>spec &lt;name&gt;</c> for the rows where all of a spec's variables are present.</param>
/// <param name="Provinces">Sample provinces with at least one value.</param>
/// <param name="Years">Sample years with at least one value.</param>
/// <param name="RowsPresent">Panel rows with a value.</param>
/// <param name="RowsExpected">Panel rows (sample provinces × sample years); for a spec with a <c>where:</c>, the rows it selects.</param>
/// <param name="ProvinceCodes">The provinces present (GB/T 2260 codes), ascending.</param>
/// <param name="YearList">The years present, ascending.</param>
public sealed record VariableCoverage(
    string Variable, int Provinces, int Years, long RowsPresent, long RowsExpected, IReadOnlyList<int> ProvinceCodes, IReadOnlyList<int> YearList)
{
    /// <summary><c>co            24/30 provinces  2015–2023 (9/14 years)  216/420 rows</c>.</summary>
    public string Describe() =>
        $"coverage {Variable,-22} {Provinces,2}/{ProvinceTotal,-2} provinces  {Span(YearList),-11} ({Years}/{YearTotal} years)  {RowsPresent}/{RowsExpected} rows";

    /// <summary>Sample provinces, or those a spec's <c>where:</c> selects (filled in by <see cref="CoverageRecorder"/>).</summary>
    public int ProvinceTotal { get; init; }

    /// <summary>Sample years, or those a spec's <c>where:</c> selects (filled in by <see cref="CoverageRecorder"/>).</summary>
    public int YearTotal { get; init; }

    private static string Span(IReadOnlyList<int> years) => years.Count switch
    {
        0 => "no years",
        _ when years[^1] - years[0] + 1 == years.Count => $"{years[0]}–{years[^1]}",
        _ => string.Join(",", years),
    };
}

/// <summary>
/// After the transform, measures the panel per model variable and per spec — which sample provinces and years are
/// present — and records it in <c>meta.coverage</c> under the run id, so a build over real, partial yearbooks says
/// plainly what it could load.
/// </summary>
public static class CoverageRecorder
{
    /// <summary>The panel relation measured.</summary>
    public const string Panel = "main.panel";

    /// <summary>Measures and records; returns one line per variable (in spec order) and one per spec.</summary>
    /// <param name="connection">The build's open warehouse, after the transform.</param>
    /// <param name="runId">The run the lines are recorded under.</param>
    /// <param name="specs">The model specs of pipelines.yml by name, each with its variables (y first, then x) and its
    /// <c>where:</c> (or null); the variables present in the panel are measured, a spec's line over the rows its
    /// <c>where:</c> selects (a number as a condition is true when not zero, as in the report). A spec whose <c>where:</c>
    /// does not run on the panel's own columns (it names a lag the report derives, does not parse, fails on a row) gets
    /// no line, and the other lines are measured as usual.</param>
    /// <param name="at">Recording time.</param>
    public static IReadOnlyList<VariableCoverage> Record(
        DuckDBConnection connection, string runId, IReadOnlyList<(string Name, IReadOnlyList<string> Variables, string? Where)> specs, DateTimeOffset at)
    {
        var columns = PanelColumns(connection);
        var variables = specs.SelectMany(s => s.Variables).Where(columns.Contains).Distinct(StringComparer.Ordinal).ToList();
        var measured = variables.Select(v => new Measured(v, $"\"{v}\" is not null", null)).ToList();
        foreach (var spec in specs)
        {
            var used = spec.Variables.Where(columns.Contains).Distinct(StringComparer.Ordinal).ToList();
            var scope = string.IsNullOrWhiteSpace(spec.Where) ? null : $"cast({PanelLoader.Parenthesized(spec.Where)} as boolean)";
            if (used.Count > 0 && (scope is null || Runs(connection, scope)))
                measured.Add(new Measured("spec " + spec.Name, string.Join(" and ", used.Select(v => $"\"{v}\" is not null")), scope));
        }

        var lines = Measure(connection, measured);

        using var appender = connection.CreateAppender("meta", "coverage");
        foreach (var line in lines)
        {
            appender.CreateRow()
                .AppendValue(runId)
                .AppendValue(line.Variable)
                .AppendValue(line.Provinces)
                .AppendValue(line.Years)
                .AppendValue(line.RowsPresent)
                .AppendValue(line.RowsExpected)
                .AppendValue("[" + string.Join(",", line.ProvinceCodes) + "]")
                .AppendValue("[" + string.Join(",", line.YearList) + "]")
                .AppendValue(at)
                .EndRow();
        }

        return lines;
    }

    /// <summary>Every line's provinces, years and rows, and the panel's totals, from one read of the panel's keys and a
    /// present flag per line. The panel is a few hundred rows; counted here, not by DuckDB, whose distinct aggregates
    /// (two per line) each set up a hash table sized for millions of groups: a fifth of a second for 25 lines.</summary>
    private static List<VariableCoverage> Measure(DuckDBConnection connection, List<Measured> measured)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select province_code, year"
            + string.Concat(measured.Select(m => $", coalesce({m.Present}, false), coalesce({m.Scope ?? "true"}, false)")) + $"\nfrom {Panel}";
        using var reader = command.ExecuteReader();
        var present = measured.Select(_ => new Tally()).ToArray();
        var scope = measured.Select(_ => new Tally()).ToArray();
        while (reader.Read())
        {
            int? province = reader.IsDBNull(0) ? null : Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            int? year = reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            for (var i = 0; i < measured.Count; i++)
            {
                if (!reader.GetBoolean(2 + (2 * i) + 1))
                    continue;
                scope[i].Add(province, year);
                if (reader.GetBoolean(2 + (2 * i)))
                    present[i].Add(province, year);
            }
        }

        return measured.Select((m, i) => new VariableCoverage(
                m.Variable, present[i].Provinces.Count, present[i].Years.Count, present[i].Rows, scope[i].Rows, [.. present[i].Provinces], [.. present[i].Years])
            {
                ProvinceTotal = scope[i].Provinces.Count,
                YearTotal = scope[i].Years.Count,
            })
            .ToList();
    }

    /// <summary>A line to measure: its name, when a row has a value, and which rows it is measured over (null: all).</summary>
    private sealed record Measured(string Variable, string Present, string? Scope);

    /// <summary>The rows, provinces and years counted for one line.</summary>
    private sealed class Tally
    {
        public SortedSet<int> Provinces { get; } = [];

        public SortedSet<int> Years { get; } = [];

        public long Rows { get; private set; }

        public void Add(int? province, int? year)
        {
            Rows++;
            if (province is { } p) Provinces.Add(p);
            if (year is { } y) Years.Add(y);
        }
    }

    /// <summary>Whether a spec's condition runs on every row of the panel (parses, names only its columns, fails on no
    /// row): one that does not would fail the query that measures every line.</summary>
    private static bool Runs(DuckDBConnection connection, string scope)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select count(*) from {Panel} where {scope}";
            command.ExecuteScalar();
            return true;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }

    private static HashSet<string> PanelColumns(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select column_name from information_schema.columns where table_schema = 'main' and table_name = 'panel'";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }
}
