using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Warehouse.Etl.Serialization;

namespace Warehouse.Etl.Transform;

/// <summary>Outcome of the data tests of one run.</summary>
public sealed record DataTestSummary(int Passed, int Warned, int Failed, IReadOnlyList<string> Messages)
{
    /// <summary>An error-severity test failed: the build must not be swapped live.</summary>
    public bool HasErrors => Failed > 0;
}

/// <summary>Runs the YAML-declared and singular SQL data tests; records each in meta.test_result.</summary>
public static class DataTestRunner
{
    private const int SampleRows = 5;

    /// <summary>Sample rows keep Chinese text readable; non-finite doubles are written as "NaN" and "Infinity" (see <see cref="JsonValueWriter"/>).</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DataTestSummary Run(DuckDBConnection connection, string runId, TimeProvider timeProvider) =>
        Run(connection, runId, timeProvider, null);

    /// <summary>As <see cref="Run(DuckDBConnection, string, TimeProvider)"/>, reading a given sql/ folder and running
    /// only the tests <paramref name="select"/> accepts (all when null).</summary>
    /// <remarks>The tests read what is committed: they are counted on further connections to the same database too, which
    /// do not see a transaction <paramref name="connection"/> holds open.</remarks>
    public static DataTestSummary Run(DuckDBConnection connection, string runId, TimeProvider timeProvider, string? sqlFolder,
        Func<DataTest, bool>? select = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var tests = DataTestCompiler.Compile(ModelCatalog.Load(sqlFolder)).Where(t => select?.Invoke(t) ?? true).ToList();
        int passed = 0, warned = 0, failed = 0;
        var messages = new List<string>();
        var results = new List<(DataTest Test, string Status, long Failing, string? Sample)>();
        var counts = CountFailing(connection, tests);
        for (int i = 0; i < tests.Count; i++)
        {
            var test = tests[i];
            var (failing, sample) = counts is not null && counts[i] == 0 ? (0, null) : Execute(connection, test);
            string status = failing == 0 ? "pass" : test.Severity == "warn" ? "warn" : "fail";
            switch (status)
            {
                case "pass": passed++; break;
                case "warn": warned++; break;
                default: failed++; break;
            }

            if (status != "pass")
                messages.Add($"{status.ToUpperInvariant()} {test.Name} ({test.Relation ?? "-"}): {failing} failing row(s); e.g. {Shorten(sample)}");
            results.Add((test, status, failing, sample));
        }

        Record(connection, runId, results, timeProvider.GetUtcNow());
        return new DataTestSummary(passed, warned, failed, messages);
    }

    /// <summary>The failing rows of every test, counted in one query per connection (a statement per test costs a parse,
    /// plan and round trip each, which is most of a passing test's time); null when a query fails — a test that cannot
    /// run — and each test then runs on its own, so the broken one is named.</summary>
    /// <remarks>The parts of the queries (<see cref="CountingParts"/>) are dealt round-robin to
    /// <see cref="ConcurrentTransform.DefaultConnections"/> connections that count at once: a build's file runs DuckDB on
    /// one thread per statement, and in a build the report's estimates finish before the tests, which left a core idle
    /// while one query counted them all.</remarks>
    private static long[]? CountFailing(DuckDBConnection connection, IReadOnlyList<DataTest> tests)
    {
        if (tests.Count == 0)
            return [];
        var counts = new long[tests.Count];
        var parts = CountingParts(tests);
        int groups = Math.Min(ConcurrentTransform.DefaultConnections, parts.Count);
        var siblings = new List<DuckDBConnection>();
        try
        {
            for (int g = 1; g < groups; g++)
                siblings.Add(SiblingConnection.Open(connection));
            var counted = new bool[groups];
            Parallel.For(0, groups, g => counted[g] = CountGroup(g == 0 ? connection : siblings[g - 1],
                parts.Where((_, i) => i % groups == g).ToList(), counts));
            return counted.All(ok => ok) ? counts : null;
        }
        catch (DuckDBException)
        {
            return null;
        }
        finally
        {
            foreach (var sibling in siblings)
                sibling.Dispose();
        }
    }

    /// <summary>Selects of (test index, failing rows): one per test, except that the row-wise tests of one table
    /// (<see cref="DataTest.Rows"/>: the not_null, accepted_values and accepted_range of its columns) are counted
    /// together, each as <c>count(*) filter (where …)</c>, in one scan of the table — a view under test is then
    /// evaluated once for all its columns, not once per column.</summary>
    internal static List<string> CountingParts(IReadOnlyList<DataTest> tests)
    {
        static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
        var parts = new List<string>();
        var rowWise = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < tests.Count; i++)
        {
            if (tests[i].Rows is { } rows)
            {
                if (!rowWise.TryGetValue(rows.Table, out var same))
                    rowWise.Add(rows.Table, same = []);
                same.Add(i);
            }
            else
            {
                parts.Add($"select {Index(i)} as __test, count(*) as __failing_rows from ({tests[i].Sql})");
            }
        }

        foreach (var (table, same) in rowWise)
        {
            var filters = same.Select((i, k) => $"count(*) filter (where {tests[i].Rows!.Condition}\n) as __c{Index(k)}");
            parts.Add($"select unnest([{string.Join(", ", same.Select(Index))}]) as __test, " +
                $"unnest([{string.Join(", ", same.Select((_, k) => $"__c{Index(k)}"))}]) as __failing_rows " +
                $"from (select {string.Join(", ", filters)} from {table})");
        }

        return parts;
    }

    /// <summary>Runs <paramref name="parts"/> as one query and stores each test's count into <paramref name="counts"/>;
    /// false when the query fails.</summary>
    private static bool CountGroup(DuckDBConnection connection, IReadOnlyList<string> parts, long[] counts)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = string.Join("\nunion all\n", parts);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                counts[reader.GetInt32(0)] = reader.GetInt64(1);
            return true;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }

    /// <summary>Counts the failing rows and keeps a few as JSON, in one query. A test that cannot run counts as one failing row.</summary>
    private static (long Failing, string? Sample) Execute(DuckDBConnection connection, DataTest test)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select count(*) over () as __failing_rows, * from ({test.Sql}) limit {SampleRows}";
            using var reader = command.ExecuteReader();
            var rows = new List<Dictionary<string, object?>>();
            long failing = 0;
            while (reader.Read())
            {
                failing = reader.GetInt64(0);
                var row = new Dictionary<string, object?>();
                for (int i = 1; i < reader.FieldCount; i++)
                    row[reader.GetName(i)] = JsonValue(reader.IsDBNull(i) ? null : reader.GetValue(i));
                rows.Add(row);
            }

            return failing == 0 ? (0, null) : (failing, JsonValueWriter.Serialize(rows, JsonOptions));
        }
        catch (DuckDBException e)
        {
            return (1, JsonValueWriter.Serialize(new[] { new { error = e.Message } }, JsonOptions));
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

    /// <summary>One transaction and one appender for all results: a commit per row would cost a disk sync each on a file
    /// warehouse, a statement per row a parse and plan each.</summary>
    private static void Record(DuckDBConnection connection, string runId,
        List<(DataTest Test, string Status, long Failing, string? Sample)> results, DateTimeOffset executedAt)
    {
        using var transaction = connection.BeginTransaction();
        using (var appender = connection.CreateAppender("meta", "test_result"))
        {
            foreach (var (test, status, failing, sample) in results)
            {
                appender.CreateRow()
                    .AppendValue(runId)
                    .AppendValue(test.Name)
                    .AppendValue(test.Relation)
                    .AppendValue(test.Severity)
                    .AppendValue(status)
                    .AppendValue(failing)
                    .AppendValue(sample)
                    .AppendValue(executedAt)
                    .EndRow();
            }
        }

        transaction.Commit();
    }
}
