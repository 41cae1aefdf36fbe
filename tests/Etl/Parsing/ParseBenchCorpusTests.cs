using Warehouse.Bench.Parsing;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Tests.Etl.Normalizing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>The benchmark measures real work only if its generated tables parse like real ones (no timing here).</summary>
[TestFixture]
public sealed class ParseBenchCorpusTests
{
    [Test]
    public void Generated_html_is_a_full_labour_table()
    {
        var doc = TableReader.Read(ParseBenchCorpus.Html(3), "b.htm");
        var obs = ProfileApplier.Apply(doc, TestProfiles.UrbanEmploymentBySector, new ProfileContext("s", 2004, "4-2", "sha")).Observations;
        Assert.That(doc.DetectedCharset, Is.EqualTo("gb18030"));
        Assert.That(obs, Has.Count.EqualTo(32 * 20));
    }

    [Test]
    public void Generated_xlsx_and_csv_parse_to_every_row_and_column()
    {
        var xlsx = TableReader.Read(ParseBenchCorpus.Xlsx(5), "b.xlsx").Tables.Single();
        var csv = TableReader.Read(ParseBenchCorpus.NbsCsv(5), "b.csv").Tables.Single();
        Assert.That((xlsx.Rows.Count, xlsx.Columns.Count), Is.EqualTo((32, 20)));
        Assert.That((csv.Rows.Count, csv.Columns.Count), Is.EqualTo((31, 20)));
        Assert.That(xlsx.Rows.SelectMany(r => r.Cells).All(c => c.Value is not null), Is.True);
    }
}
