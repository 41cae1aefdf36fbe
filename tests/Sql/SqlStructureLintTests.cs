using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>sql/ keeps the shape of a well-kept dbt project; the lint itself is shown to catch each kind of breakage.</summary>
[TestFixture]
public sealed class SqlStructureLintTests
{
    private string scratch = null!;

    [SetUp]
    public void CopySql()
    {
        scratch = Path.Combine(Path.GetTempPath(), "wh-lint-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(RepoPaths.Sql, scratch);
    }

    [TearDown]
    public void Remove() => Directory.Delete(scratch, recursive: true);

    [Test]
    public void The_committed_sql_folder_passes_the_lint()
    {
        Assert.That(SqlStructureLint.Check(RepoPaths.Sql), Is.Empty);
    }

    [Test]
    public void A_misnamed_file_is_caught()
    {
        File.Move(Path.Combine(scratch, "marts", "dim_year.sql"), Path.Combine(scratch, "marts", "years.sql"));
        var problems = SqlStructureLint.Check(scratch);
        Assert.That(problems, Has.Some.Contains("years.sql: name must start with dim_ or fct_"));
        Assert.That(problems, Has.Some.Contains("documents dim_year, which has no marts/dim_year.sql"));
    }

    [Test]
    public void Staging_reading_anything_but_staging_is_caught()
    {
        Append("staging/stg_observation.sql", "\nunion all select * from cfg.setting");
        Assert.That(SqlStructureLint.Check(scratch), Has.Some.Contains("staging reads only staging.observation, not cfg.setting"));
    }

    [Test]
    public void A_mart_reading_staging_directly_is_caught()
    {
        Replace("marts/fct_provincial.sql", "intermediate.int_observations_current", "staging.stg_observation");
        Assert.That(SqlStructureLint.Check(scratch), Has.Some.Contains("marts never read staging directly (stg_observation)"));
    }

    [Test]
    public void An_undocumented_relation_or_column_is_caught()
    {
        File.WriteAllText(Path.Combine(scratch, "indicators", "ind_extra.sql"), "select 1 as a");
        Replace("indicators/panel.sql", "controls.ln_gdp_pc", "controls.ln_gdp_pc,\n        1 as undocumented_column");
        var problems = SqlStructureLint.Check(scratch);
        Assert.That(problems, Has.Some.Contains("indicators/ind_extra.sql: not documented"));
        File.Delete(Path.Combine(scratch, "indicators", "ind_extra.sql"));
        Assert.That(SqlStructureLint.Check(scratch), Has.Some.Contains("column undocumented_column is not documented"));
    }

    [Test]
    public void An_untested_key_is_caught()
    {
        Replace("marts/_marts__models.yml", "      - unique:\n          columns: [province_code, year, sector_code]\n", "");
        Assert.That(SqlStructureLint.Check(scratch), Has.Some.Contains("fct_employment.sql: key (province_code, year, sector_code) has no unique test"));
    }

    [Test]
    public void An_undeclared_singular_test_is_caught()
    {
        File.WriteAllText(Path.Combine(scratch, "tests", "assert_new_rule.sql"), "select 1 where false");
        Assert.That(SqlStructureLint.Check(scratch), Has.Some.Contains("tests/assert_new_rule.sql: not declared"));
    }

    private void Append(string file, string text) => File.AppendAllText(Path.Combine(scratch, file), text);

    private void Replace(string file, string from, string to)
    {
        string path = Path.Combine(scratch, file);
        string text = File.ReadAllText(path);
        Assert.That(text, Does.Contain(from), "the breakage must apply");
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
