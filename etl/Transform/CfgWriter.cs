using System.Globalization;
using Warehouse.Etl.Config;

namespace Warehouse.Etl.Transform;

/// <summary>The statements that copy the transform settings into the cfg tables the views read.</summary>
internal static class CfgWriter
{
    public static IReadOnlyList<string> Statements(TransformSettings settings)
    {
        if (!(settings.YoyJumpFactor > 1))
            throw new ArgumentException($"analysis.yoy_jump_factor must be > 1; got {settings.YoyJumpFactor}", nameof(settings));
        if (settings.SampleYears.Count == 0)
            throw new ArgumentException("analysis.sample.years is empty", nameof(settings));

        var statements = new List<string>
        {
            "delete from cfg.sample_year",
            Insert("cfg.sample_year", settings.SampleYears.Distinct().Select(y => Int(y))),
            "delete from cfg.excluded_province",
            Insert("cfg.excluded_province", settings.ExcludeProvinces.Distinct().Select(p => Int(p))),
            "delete from cfg.sector_group",
            Insert("cfg.sector_group",
                settings.Manufacturing.Distinct().Select(s => $"{SqlText.Literal(s)}, 'manufacturing'")
                    .Concat(settings.ProducerServices.Distinct().Select(s => $"{SqlText.Literal(s)}, 'producer_services'"))),
            "delete from cfg.hightech_product",
            Insert("cfg.hightech_product", settings.HightechProducts.Distinct().Select(SqlText.Literal)),
            "delete from cfg.setting",
            Insert("cfg.setting",
            [
                $"'precedence', {SqlText.Literal(settings.Precedence.Name())}",
                $"'yoy_jump_factor', {SqlText.Literal(SqlText.Number(settings.YoyJumpFactor))}",
            ]),
        };
        return statements.Where(s => s.Length > 0).ToArray();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An insert of literal rows, or nothing when there are no rows.</summary>
    private static string Insert(string table, IEnumerable<string> rows)
    {
        var list = rows.ToList();
        return list.Count == 0 ? "" : $"insert into {table} values {string.Join(", ", list.Select(r => $"({r})"))}";
    }
}
