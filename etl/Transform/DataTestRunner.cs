using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Warehouse.Etl.Transform;

/// <summary>Outcome of the data tests of one run.</summary>
public sealed record DataTestSummary(int Passed, int Warned, int Failed, IReadOnlyList<string> Messages)
{
    /// <summary>An error-severity test failed: the build must not be swapped live.</summary>
    public bool HasErrors => Failed > 0;
}

/// <summary>Runs the YAML-declared and singular SQL data tests; records each in meta.test_result.</summary>
/// <remarks>Seam: the SQL model issue implements this; the pipeline calls it.</remarks>
public static class DataTestRunner
{
    private const int SampleRows = 5;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static DataTestSummary Run(DuckDBConnection connection, string runId, TimeProvider timeProvider) =>
        Run(connection, runId, timeProvider, null);

    /// <summary>As <see cref="Run(DuckDBConnection, string, TimeProvider)"/>, reading a given sql/ folder.</summary>
    public static DataTestSummary Run(DuckDBConnection connection, string runId, TimeProvider timeProvider, string? sqlFolder)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var tests = DataTestCompiler.Compile(ModelCatalog.Load(sqlFolder));
        int passed = 0, warned = 0, failed = 0;
        var messages = new List<string>();
        foreach (var test in tests)
        {
            var (failing, sample) = Execute(connection, test);
            string status = failing == 0 ? "pass" : test.Severity == "warn" ? "warn" : "fail";
            switch (status)
            {
                case "pass": passed++; break;
                case "warn": warned++; break;
                default: failed++; break;
            }

            if (status != "pass")
                messages.Add($"{status.ToUpperInvariant()} {test.Name} ({test.Relation ?? "-"}): {failing} failing row(s); e.g. {Shorten(sample)}");
            Record(connection, runId, test, status, failing, sample, timeProvider.GetUtcNow());
        }

        return new DataTestSummary(passed, warned, failed, messages);
    }

    /// <summary>Counts the failing rows and keeps a few as JSON. A test that cannot run counts as one failing row.</summary>
    private static (long Failing, string? Sample) Execute(DuckDBConnection connection, DataTest test)
    {
        try
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"select count(*) from ({test.Sql})";
            long failing = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (failing == 0)
                return (0, null);
            using var sample = connection.CreateCommand();
            sample.CommandText = $"select * from ({test.Sql}) limit {SampleRows}";
            using var reader = sample.ExecuteReader();
            var rows = new List<Dictionary<string, object?>>();
            while (reader.Read())
            {
                var row = new Dictionary<string, object?>();
                for (int i = 0; i < reader.FieldCount; i++)
                    row[reader.GetName(i)] = JsonValue(reader.IsDBNull(i) ? null : reader.GetValue(i));
                rows.Add(row);
            }

            return (failing, JsonSerializer.Serialize(rows, JsonOptions));
        }
        catch (DuckDBException e)
        {
            return (1, JsonSerializer.Serialize(new[] { new { error = e.Message } }, JsonOptions));
        }
    }

    private static string? Shorten(string? sample) => sample is { Length: > 240 } ? sample[..240] + "…" : sample;

    /// <summary>Values System.Text.Json writes as they are; anything else (HUGEINT, dates) as invariant text.</summary>
    internal static object? JsonValue(object? value) => value switch
    {
        null or string or bool or short or int or long or double or float or decimal or byte or sbyte or ushort or uint or ulong => value,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void Record(DuckDBConnection connection, string runId, DataTest test, string status, long failing,
        string? sample, DateTimeOffset executedAt)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText =
            "insert into meta.test_result (run_id, test_name, relation, severity, status, failing_rows, sample, executed_at) " +
            "values ($run_id, $test_name, $relation, $severity, $status, $failing_rows, $sample, $executed_at)";
        insert.Parameters.Add(new DuckDBParameter("run_id", runId));
        insert.Parameters.Add(new DuckDBParameter("test_name", test.Name));
        insert.Parameters.Add(new DuckDBParameter("relation", (object?)test.Relation ?? DBNull.Value));
        insert.Parameters.Add(new DuckDBParameter("severity", test.Severity));
        insert.Parameters.Add(new DuckDBParameter("status", status));
        insert.Parameters.Add(new DuckDBParameter("failing_rows", failing));
        insert.Parameters.Add(new DuckDBParameter("sample", (object?)sample ?? DBNull.Value));
        insert.Parameters.Add(new DuckDBParameter("executed_at", executedAt));
        insert.ExecuteNonQuery();
    }
}
