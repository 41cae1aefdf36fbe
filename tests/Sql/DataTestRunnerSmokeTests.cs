using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

[TestFixture]
public sealed class DataTestRunnerSmokeTests
{
    [Test]
    public void Every_declared_test_runs_and_is_recorded()
    {
        using var warehouse = new TestWarehouse();
        warehouse.Load(HandExamples.Rows());
        warehouse.Transform();
        var summary = DataTestRunner.Run(warehouse.Connection, "run-1", new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        TestContext.Out.WriteLine(string.Join("\n", summary.Messages));
        long recorded = Convert.ToInt64(warehouse.Scalar("select count(*) from meta.test_result where run_id = 'run-1'"));
        Assert.That(recorded, Is.EqualTo(summary.Passed + summary.Warned + summary.Failed));
    }
}
