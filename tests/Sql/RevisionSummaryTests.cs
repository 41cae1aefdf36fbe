using Warehouse.Bench.Transform;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>The build's summary of what changed against the previous live warehouse.</summary>
[TestFixture]
public sealed class RevisionSummaryTests
{
    private string folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "wh-revisions-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private static readonly StagingRow[] Previous =
    [
        Rows.Provincial(11, 2015, "gdp", 100, "100M yuan"),
        Rows.Provincial(12, 2015, "gdp", 200, "100M yuan"),
        Rows.Provincial(13, 2015, "gdp", 300, "100M yuan"),
        Rows.Employment(11, 2015, "C", 40),
    ];

    [Test]
    public void Counts_added_removed_and_revised_rows_per_fact_and_lists_the_largest_revisions()
    {
        string previous = Path.Combine(folder, "warehouse.duckdb");
        using (var old = new TestWarehouse(previous))
        {
            old.Load(Previous);
            old.Transform();
        }

        using var next = new TestWarehouse();
        next.Load(
        [
            Rows.Provincial(11, 2015, "gdp", 150, "100M yuan"),   // revised +50 %
            Rows.Provincial(12, 2015, "gdp", 202, "100M yuan"),   // revised +1 %
            Rows.Provincial(14, 2015, "gdp", 400, "100M yuan"),   // added; 13 removed
            Rows.Employment(11, 2015, "C", 40),                   // unchanged
        ]);
        next.Transform();
        string summary = RevisionSummary.Compare(next.Connection, previous);
        Assert.Multiple(() =>
        {
            Assert.That(summary, Does.Contain("fct_provincial: 1 added, 1 removed, 2 revised"));
            Assert.That(summary, Does.Contain("fct_employment: 0 added, 0 removed, 0 revised"));
            Assert.That(summary, Does.Contain("fct_provincial.value [11 2015 gdp]: 100 → 150 (50.0%)"));
            Assert.That(summary.IndexOf("[11 2015 gdp]", StringComparison.Ordinal),
                Is.LessThan(summary.IndexOf("[12 2015 gdp]", StringComparison.Ordinal)), "largest first");
        });
        Assert.That(next.Scalar("select count(*) from duckdb_databases() where database_name = 'previous_live'"), Is.Zero, "detached afterwards");
    }

    [Test]
    public void Without_a_previous_warehouse_every_row_is_new()
    {
        using var next = new TestWarehouse();
        next.Load(Previous);
        next.Transform();
        string summary = RevisionSummary.Compare(next.Connection, Path.Combine(folder, "absent.duckdb"));
        Assert.That(summary, Does.Contain("no previous live warehouse").And.Contain("fct_provincial: 3 rows added"));
    }
}
