using System.Text;
using Warehouse.Demo.Economy;

namespace Warehouse.Demo.Tables;

/// <summary>
/// Writes an NBS data-portal export exactly as the portal does (compare ../shared/real-samples/nbs-portal):
/// UTF-8 with BOM, LF line ends, two preamble lines with a trailing space, TAB-then-comma delimiters and a
/// trailing comma on every row, years newest first, empty cells for gaps, footer lines after the data (a
/// numbered note list whose later items do not repeat 注：) and no newline after the last line.
/// </summary>
internal static class NbsCsvWriter
{
    public static byte[] Write(NbsExport export)
    {
        var indicator = export.Indicator;
        var sb = new StringBuilder();
        sb.Append("数据库：分省年度数据 \n");
        sb.Append("指标：").Append(indicator.Chinese).Append('(').Append(indicator.RawUnit).Append(") \n");
        sb.Append("地区\t,");
        for (var year = DemoEconomy.LastYear; year >= DemoEconomy.FirstYear; year--)
        {
            sb.Append(year.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("年\t,");
        }

        sb.Append('\n');
        foreach (var row in export.Rows)
        {
            sb.Append(row.Name).Append("\t,");
            foreach (var cell in row.CellsNewestFirst)
            {
                sb.Append(cell.Text).Append("\t,");
            }

            sb.Append('\n');
        }

        sb.Append("注：1. 本表为演示语料（demo corpus），由 warehouse 依固定种子生成的合成数据，并非官方统计数据。\n");
        sb.Append("2. 空白表示该年度未公布数据。\n");
        if (indicator.Name == "gdp")
        {
            sb.Append("3. 按照我国国民经济核算数据修订制度，地区生产总值历史数据已作修订。\n");
        }

        sb.Append("数据来源：warehouse 演示语料（demo corpus）");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble()
            .Concat(new UTF8Encoding(false).GetBytes(sb.ToString())).ToArray();
    }
}
