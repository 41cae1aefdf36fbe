using Dapper;
using Warehouse.Etl.Runs;
using Warehouse.Tests.Etl.Loading;

namespace Warehouse.Tests.Etl.Runs;

[TestFixture]
public sealed class CoverageRecorderTests
{
    [Test]
    public void Each_variable_and_spec_gets_its_provinces_years_and_rows_and_is_recorded()
    {
        using var db = WarehouseSchema.OpenInMemory();
        db.Execute("""
            create table main.panel (province_code smallint, year smallint, ln_etc double, co double, rd double);
            insert into main.panel values
                (11, 2020, 1, 1, null), (11, 2021, 1, 1, 5),
                (12, 2020, 1, null, null), (12, 2021, 1, 1, null),
                (31, 2020, 1, 1, null), (31, 2021, 1, null, null);
            """);
        IReadOnlyList<(string, IReadOnlyList<string>, string?)> specs = [("base", ["ln_etc", "co"], null), ("controls", ["ln_etc", "co", "rd", "not_in_panel"], null)];

        var lines = CoverageRecorder.Record(db, "run-1", specs, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => (l.Variable, l.RowsPresent, l.RowsExpected)), Is.EqualTo(new[]
            {
                ("ln_etc", 6L, 6L), ("co", 4L, 6L), ("rd", 1L, 6L), ("spec base", 4L, 6L), ("spec controls", 1L, 6L),
            }));
            Assert.That(lines[1].ProvinceCodes, Is.EqualTo(new[] { 11, 12, 31 }));
            Assert.That(lines[1].YearList, Is.EqualTo(new[] { 2020, 2021 }));
            Assert.That(lines[2].ProvinceCodes, Is.EqualTo(new[] { 11 }));
            Assert.That(lines[2].YearList, Is.EqualTo(new[] { 2021 }));
            Assert.That(lines[2].Describe(), Is.EqualTo("coverage rd                      1/3  provinces  2021–2021   (1/2 years)  1/6 rows"));
            Assert.That(db.Query<string>("select variable || ' ' || province_codes || ' ' || year_list || ' ' || rows_present from meta.coverage where run_id = 'run-1' order by rowid"),
                Is.EqualTo(new[] { "ln_etc [11,12,31] [2020,2021] 6", "co [11,12,31] [2020,2021] 4", "rd [11] [2021] 1", "spec base [11,12,31] [2020,2021] 4", "spec controls [11] [2021] 1" }));
        });
    }

    [Test]
    public void A_variable_with_no_value_has_no_provinces_and_no_years()
    {
        using var db = WarehouseSchema.OpenInMemory();
        db.Execute("create table main.panel (province_code smallint, year smallint, co double); insert into main.panel values (11, 2020, null), (12, 2020, null);");

        var lines = CoverageRecorder.Record(db, "run-1", [("s", ["co"], null)], DateTimeOffset.UnixEpoch);

        Assert.That(lines[0].ProvinceCodes, Is.Empty);
        Assert.That(lines[0].YearList, Is.Empty);
        Assert.That(lines[0].RowsPresent, Is.Zero);
        Assert.That(lines[0].Describe(), Does.Contain("no years"));
    }

    [Test]
    public void A_spec_with_a_where_is_measured_over_the_rows_it_selects()
    {
        using var db = WarehouseSchema.OpenInMemory();
        db.Execute("""
            create table main.panel (province_code smallint, year smallint, region varchar, co double);
            insert into main.panel values
                (11, 2020, 'east', 1), (11, 2021, 'east', null), (31, 2020, 'east', 1), (31, 2021, 'east', 1),
                (51, 2020, 'west', 1), (51, 2021, 'west', 1), (62, 2020, 'west', 1), (62, 2021, 'west', 1);
            """);
        IReadOnlyList<(string, IReadOnlyList<string>, string?)> specs =
        [
            ("east", ["co"], "region = 'east' -- the coast"), ("missing_column", ["co"], "no_such_column = 1"),
            ("fails_on_a_row", ["co"], "cast(region as integer) = 1"), ("raises", ["co"], "error('boom')"),
            ("odd_years", ["co"], "year % 2"), ("a_double", ["co"], "co"), ("all", ["co"], null),
        ];

        var lines = CoverageRecorder.Record(db, "run-1", specs, DateTimeOffset.UnixEpoch);

        Assert.That(lines.Select(l => l.Variable), Is.EqualTo(new[] { "co", "spec east", "spec odd_years", "spec a_double", "spec all" }),
            "a where that does not run gets no line, and takes no other line with it; a number is a condition, as in the report");
        Assert.That((lines[2].RowsPresent, lines[2].RowsExpected, lines[2].YearTotal), Is.EqualTo((3L, 4L, 1)), "the rows of 2021, an odd year");
        Assert.That((lines[3].RowsPresent, lines[3].RowsExpected), Is.EqualTo((7L, 7L)), "co not zero and not null");
        var east = lines[1];
        Assert.That((east.RowsPresent, east.RowsExpected, east.ProvinceTotal, east.YearTotal), Is.EqualTo((3L, 4L, 2, 2)));
        Assert.That(east.ProvinceCodes, Is.EqualTo(new[] { 11, 31 }));
        Assert.That(east.Describe(), Does.Contain(" 2/2  provinces").And.Contain("3/4 rows"));
        Assert.That((lines[4].RowsPresent, lines[4].RowsExpected, lines[4].ProvinceTotal), Is.EqualTo((7L, 8L, 4)));
    }
}
