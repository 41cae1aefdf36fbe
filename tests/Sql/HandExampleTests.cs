using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>The hand checks of docs/architecture.md#formulas through the SQL layers, to 1e-12.</summary>
[TestFixture]
public sealed class HandExampleTests
{
    private const double Tolerance = 1e-12;

    private static TestWarehouse Build()
    {
        var warehouse = new TestWarehouse();
        warehouse.Load(HandExamples.Rows());
        warehouse.Transform();
        return warehouse;
    }

    [Test]
    public void Coagglomeration_matches_the_hand_check()
    {
        using var warehouse = Build();
        var co = warehouse.Rows("select province_code, co from ind_coagglomeration where year = 2015 order by province_code")
            .Select(r => (double)r["co"]!).ToArray();
        Assert.That(co, Has.Length.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(co[0], Is.EqualTo(2.5761904761904761).Within(Tolerance));
            Assert.That(co[1], Is.EqualTo(2.6888888888888889).Within(Tolerance));
            Assert.That(co[2], Is.EqualTo(2.9956521739130435).Within(Tolerance));
        });
    }

    [Test]
    public void Coagglomeration_exposes_both_terms_and_the_quotients()
    {
        using var warehouse = Build();
        var a = warehouse.Rows("select * from ind_coagglomeration where province_code = 11").Single();
        Assert.Multiple(() =>
        {
            Assert.That((double)a["lq_manufacturing"]!, Is.EqualTo(1.6).Within(Tolerance));
            Assert.That((double)a["lq_producer_services"]!, Is.EqualTo(0.5).Within(Tolerance));
            Assert.That((double)a["co_level"]!, Is.EqualTo(2.1).Within(Tolerance));
            Assert.That((double)a["co_quality"]!, Is.EqualTo(1 - 1.1 / 2.1).Within(Tolerance));
        });
    }

    [Test]
    public void Prody_and_expy_match_the_hand_check()
    {
        using var warehouse = Build();
        var prody = warehouse.Rows("select item, prody from ind_prody where year = 2015")
            .ToDictionary(r => (string)r["item"]!, r => (double)r["prody"]!);
        var expy = warehouse.Rows("select province_code, expy, ln_expy from ind_expy where year = 2015 order by province_code");
        Assert.Multiple(() =>
        {
            Assert.That(prody.Keys, Is.EquivalentTo(HandExamples.Products), "products nobody exports get no PRODY");
            Assert.That(prody["pharma"], Is.EqualTo(12.5).Within(Tolerance));
            Assert.That(prody["aerospace"], Is.EqualTo(27).Within(Tolerance));
            Assert.That(prody["electronics_comm"], Is.EqualTo(27.5).Within(Tolerance));
            Assert.That(expy.Select(r => (double)r["expy"]!), Is.EqualTo(new[] { 18.35, 24.4, 27.25 }).Within(Tolerance));
            Assert.That((double)expy[0]["ln_expy"]!, Is.EqualTo(Math.Log(18.35)).Within(Tolerance));
        });
    }
}
