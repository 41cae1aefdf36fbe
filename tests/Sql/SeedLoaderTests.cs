using Warehouse.Analysis.Data;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Etl;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Sql;

/// <summary>Seeds with a plain header are read with their columns declared instead of DuckDB's dialect sniffer: the rows must
/// be the sniffer's, and any other file must still go to the sniffer.</summary>
[TestFixture]
public sealed class SeedLoaderTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = TestPaths.TempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static string Sniffed(string path) => $"read_csv({SqlText.Literal(path)}, header = true, all_varchar = true, quote = '\"')";

    [Test]
    public void EveryShippedSeedReadsTheSameRowsAsTheSniffer()
    {
        var seeds = Directory.GetFiles(Path.Combine(RepositoryPaths.Sql, "seeds"), "*.csv");
        Assert.That(seeds, Is.Not.Empty);
        using var connection = WarehouseConnection.OpenInMemory();
        foreach (var path in seeds)
        {
            Assert.That(SeedLoader.Reader(path), Does.Contain("auto_detect = false"), $"{Path.GetFileName(path)} should skip the sniffer");
            var declared = QueryRows.Read(connection, $"select * from {SeedLoader.Reader(path)} order by all");
            var sniffed = QueryRows.Read(connection, $"select * from {Sniffed(path)} order by all");
            Assert.That(declared, Is.EqualTo(sniffed), Path.GetFileName(path));
            var names = QueryRows.Read(connection, $"select column_name from (describe select * from {SeedLoader.Reader(path)})");
            var sniffedNames = QueryRows.Read(connection, $"select column_name from (describe select * from {Sniffed(path)})");
            Assert.That(names, Is.EqualTo(sniffedNames), Path.GetFileName(path));
        }
    }

    [Test]
    public void QuotedCommasEmptyFieldsAndCrLfReadAsTheSnifferReadsThem()
    {
        var path = Path.Combine(folder, "tricky.csv");
        File.WriteAllText(path, "code,name,note\r\na,\"x, y\",\r\nb,\"say \"\"hi\"\"\",\"\"\r\n");
        using var connection = WarehouseConnection.OpenInMemory();
        var declared = QueryRows.Read(connection, $"select * from {SeedLoader.Reader(path)} order by all");
        Assert.That(declared, Is.EqualTo(QueryRows.Read(connection, $"select * from {Sniffed(path)} order by all")));
        Assert.That(declared[0][1], Is.EqualTo("x, y"));
        Assert.That(declared[1][1], Is.EqualTo("say \"hi\""));
    }

    [TestCase("\uFEFFcode,name\na,b\n", TestName = "A byte-order mark keeps the sniffer")]
    [TestCase("code;name\na;b\n", TestName = "Another delimiter keeps the sniffer")]
    [TestCase("\"code\",name\na,b\n", TestName = "A quoted name keeps the sniffer")]
    [TestCase("code,Code\na,b\n", TestName = "Names equal but for case keep the sniffer")]
    [TestCase("code,\na,b\n", TestName = "An empty name keeps the sniffer")]
    [TestCase("\na,b\n", TestName = "An empty first line keeps the sniffer")]
    [TestCase("1st,name\na,b\n", TestName = "A name starting with a digit keeps the sniffer")]
    public void AnyOtherHeaderKeepsTheSniffer(string content)
    {
        var path = Path.Combine(folder, "other.csv");
        File.WriteAllText(path, content);
        Assert.That(SeedLoader.Reader(path), Is.EqualTo(Sniffed(path)));
    }

    [Test]
    public void AFileThatCannotBeReadKeepsTheSnifferWhoseErrorNamesIt()
    {
        var path = Path.Combine(folder, "gone.csv");
        Assert.That(SeedLoader.Reader(path), Is.EqualTo(Sniffed(path)));
        using var connection = WarehouseConnection.OpenInMemory();
        var error = Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => QueryRows.Read(connection, $"select * from {SeedLoader.Reader(path)}"));
        Assert.That(error!.Message, Does.Contain("gone.csv"));
    }

    [Test]
    public void AFirstLineLongerThanTheBoundKeepsTheSniffer()
    {
        var path = Path.Combine(folder, "wide.csv");
        File.WriteAllText(path, string.Join(",", Enumerable.Range(0, 1000).Select(i => $"column_{i}")) + "\n");
        Assert.That(SeedLoader.HeaderNames(path), Is.Null);
        var narrow = Path.Combine(folder, "narrow.csv");
        File.WriteAllText(narrow, "a,b");
        Assert.That(SeedLoader.HeaderNames(narrow), Is.EqualTo(new[] { "a", "b" }), "a header-only file without a line break");
    }
}
