using DuckDB.NET.Data;
using Warehouse.Etl.Transform;

namespace Warehouse.Tests.Sql;

/// <summary>The row-wise tests of one table (not_null, accepted_values, accepted_range) are counted in one scan of it;
/// every test's count is the number of rows its own query returns.</summary>
[TestFixture]
public sealed class DataTestCountingTests
{
    [Test]
    public void Row_wise_tests_of_a_table_share_one_scan_and_keep_their_own_counts()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, """
            create table t as select * from (values (1, 5, 'a'), (null, 7, 'b'), (3, null, 'z'), (null, 40, null), (5, 9, 'a')) v(a, b, c);
            create table u as select * from (values (1), (null)) v(k);
            """);
        DataTest[] tests =
        [
            DataTest.FailingRows("not_null__t__a", "t", "error", "t", "true and a is null"),
            DataTest.FailingRows("not_null__t__b_where", "t", "warn", "t", "(c = 'a') and b is null"),
            DataTest.FailingRows("accepted_values__t__c", "t", "error", "t", "true and c is not null and c not in ('a', 'b')"),
            new DataTest("unique__t__c", "t", "error", "select c, count(*) as duplicates from t where true group by c having count(*) > 1"),
            DataTest.FailingRows("accepted_range__t__b", "t", "error", "t", "true and b is not null and (b > 10 or isnan(b) or isinf(b))"),
            DataTest.FailingRows("not_null__u__k", "u", "error", "u", "true and k is null"),
        ];

        var parts = DataTestRunner.CountingParts(tests);
        Assert.That(parts, Has.Count.EqualTo(3), string.Join("\n", parts));
        Assert.That(parts.Count(p => p.Contains("from t)", StringComparison.Ordinal)), Is.EqualTo(1), "one scan of t for its four row-wise tests");

        var counted = new Dictionary<int, long>();
        foreach (var part in parts)
        {
            using var command = connection.CreateCommand();
            command.CommandText = part;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                counted.Add(reader.GetInt32(0), reader.GetInt64(1));
        }

        var own = tests.Select(test => Count(connection, test.Sql)).ToArray();
        Assert.That(own, Is.EqualTo(new long[] { 2, 0, 1, 1, 1, 1 }));
        Assert.That(Enumerable.Range(0, tests.Length).Select(i => counted[i]), Is.EqualTo(own));
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from ({sql})";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
