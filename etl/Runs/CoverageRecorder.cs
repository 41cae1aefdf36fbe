using System.Globalization;
using DuckDB.NET.Data;

namespace Warehouse.Etl.Runs;

/// <summary>One line of the coverage report: what the panel holds for a model variable (or a whole spec).</summary>
/// <param name="Variable">Panel column (<c>ln_etc</c>, <c>co</c>, …) or <c>spec &lt;name&gt;</c> for the rows where all of a spec's variables are present.</param>
/// <param name="Provinces">Sample provinces with at least one value.</param>
/// <param name="Years">Sample years with at least one value.</param>
/// <param name="RowsPresent">Panel rows with a value.</param>
/// <param name="RowsExpected">Panel rows (sample provinces × sample years).</param>
/// <param name="ProvinceCodes">The provinces present (GB/T 2260 codes), ascending.</param>
/// <param name="YearList">The years present, ascending.</param>
public sealed record VariableCoverage(
    string Variable, int Provinces, int Years, long RowsPresent, long RowsExpected, IReadOnlyList<int> ProvinceCodes, IReadOnlyList<int> YearList)
{
    /// <summary><c>co            24/30 provinces  2015–2023 (9/14 years)  216/420 rows</c>.</summary>
    public string Describe() =>
        $"coverage {Variable,-22} {Provinces,2}/{ProvinceTotal,-2} provinces  {Span(YearList),-11} ({Years}/{YearTotal} years)  {RowsPresent}/{RowsExpected} rows";

    /// <summary>Sample provinces (filled in by <see cref="CoverageRecorder"/>).</summary>
    public int ProvinceTotal { get; init; }

    /// <summary>Sample years (filled in by <see cref="CoverageRecorder"/>).</summary>
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
    /// <param name="specs">The model specs of pipelines.yml by name, each with its variables (y first, then x); those present in the panel are measured.</param>
    /// <param name="at">Recording time.</param>
    public static IReadOnlyList<VariableCoverage> Record(
        DuckDBConnection connection, string runId, IReadOnlyList<(string Name, IReadOnlyList<string> Variables)> specs, DateTimeOffset at)
    {
        var columns = PanelColumns(connection);
        var variables = specs.SelectMany(s => s.Variables).Where(columns.Contains).Distinct(StringComparer.Ordinal).ToList();
        var expected = Count(connection, $"select count(*) from {Panel}");
        var provinceTotal = (int)Count(connection, $"select count(distinct province_code) from {Panel}");
        var yearTotal = (int)Count(connection, $"select count(distinct year) from {Panel}");
        var measured = variables.Select(v => (Variable: v, Present: $"\"{v}\" is not null")).ToList();
        foreach (var spec in specs)
        {
            var used = spec.Variables.Where(columns.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (used.Count > 0)
                measured.Add(("spec " + spec.Name, string.Join(" and ", used.Select(v => $"\"{v}\" is not null"))));
        }

        var lines = Measure(connection, measured, expected)
            .Select(line => line with { ProvinceTotal = provinceTotal, YearTotal = yearTotal })
            .ToList();

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

    /// <summary>Every line's provinces, years and rows, in one scan of the panel: a query per line and measure cost a
    /// parse, plan and round trip each.</summary>
    private static List<VariableCoverage> Measure(DuckDBConnection connection, List<(string Variable, string Present)> measured, long expected)
    {
        if (measured.Count == 0)
            return [];
        using var command = connection.CreateCommand();
        command.CommandText = "select " + string.Join(",\n", measured.Select(m =>
            $"array_to_string(list_sort(list(distinct province_code) filter (where {m.Present})), ','), " +
            $"array_to_string(list_sort(list(distinct year) filter (where {m.Present})), ','), " +
            $"count(*) filter (where {m.Present})")) + $"\nfrom {Panel}";
        using var reader = command.ExecuteReader();
        reader.Read();
        return measured.Select((m, i) =>
        {
            var provinces = IntList(reader, 3 * i);
            var years = IntList(reader, (3 * i) + 1);
            return new VariableCoverage(m.Variable, provinces.Count, years.Count, reader.GetInt64((3 * i) + 2), expected, provinces, years);
        }).ToList();
    }

    private static List<int> IntList(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.GetString(ordinal).Length == 0
            ? []
            : reader.GetString(ordinal).Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();

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

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
