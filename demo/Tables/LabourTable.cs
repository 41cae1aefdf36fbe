using Warehouse.Demo.Economy;

namespace Warehouse.Demo.Tables;

/// <summary>
/// Labour yearbook table 4-2: employed persons in urban non-private units by region and sector (year end),
/// 10k persons, one decimal. Rows: national total + 31 provinces; columns: total + 19 sections of the
/// classification in force. The national row is larger than the sum of provinces (central units not
/// allocated to a region — the first footnote says so), which is why the pipeline sums provinces itself.
/// </summary>
internal static class LabourTable
{
    public const string Source = "labour_yearbook";
    public const string TableId = "4-2";
    public const string Indicator = "urban_employment";

    /// <summary>Edition whose national total carries a footnote marker (①) on the number.</summary>
    public const int FootnoteMarkerEdition = 2014;

    /// <summary>Edition that prints Tibet's gap as "—" instead of a blank cell.</summary>
    public const int DashEdition = 2013;

    private static readonly PrintedUnit Unit = new("万人", "(10 000 persons)", "10k persons", 1m, 1);

    /// <summary>Tibet publishes no figure for household and repair services (a genuine gap in every edition).</summary>
    private static bool IsGap(short province, string letter) => province == 54 && letter == "O";

    public static PrintedTable Build(DemoEconomy economy, int edition)
    {
        var year = edition - 1;
        var sections = DemoSectors.ForDataYear(year);
        var columns = new List<PrintedColumn> { new("total", "合计", "Total") };
        columns.AddRange(sections.Select(s => new PrintedColumn(s.Letter, s.Chinese, s.English)));

        var provinceRows = new List<PrintedRow>();
        var sums = new decimal[sections.Count];
        for (var p = 0; p < economy.Provinces.Count; p++)
        {
            var prov = economy.Provinces[p];
            var cells = new PrintedCell[columns.Count];
            for (var s = 0; s < sections.Count; s++)
            {
                if (IsGap(prov.Code, sections[s].Letter))
                {
                    cells[s + 1] = edition == DashEdition ? new PrintedCell(null, "—") : PrintedCell.Blank;
                    continue;
                }

                var v = Printing.Round(economy.Employment(p, year, sections[s].Letter), 1);
                sums[s] += v;
                cells[s + 1] = Printing.Cell(v, 1);
            }

            cells[0] = Printing.Cell(Printing.Sum(cells.Skip(1).Select(c => c.Value)), 1);
            provinceRows.Add(new PrintedRow(prov.Code, prov.Short, prov.English, cells));
        }

        // Central units not allocated to a province: 1–2 % on top of the provincial sum, by section.
        var national = new PrintedCell[columns.Count];
        for (var s = 0; s < sections.Count; s++)
        {
            var extra = 1.01m + 0.001m * ((s * 7 + year) % 10);
            national[s + 1] = Printing.Cell(Math.Round(sums[s] * extra, 1, MidpointRounding.AwayFromZero), 1);
        }

        var nationalTotal = Printing.Sum(national.Skip(1).Select(c => c.Value));
        var notes = new List<string>();
        if (edition == FootnoteMarkerEdition)
        {
            national[0] = new PrintedCell(nationalTotal, Printing.Format(nationalTotal, 1) + "①");
            notes.Add("① 全国合计含中央单位中未分地区的就业人员，故大于各地区之和。");
        }
        else
        {
            national[0] = Printing.Cell(nationalTotal, 1);
            notes.Add("注：全国合计含中央单位中未分地区的就业人员。");
        }

        if (year >= 2012)
        {
            notes.Add("2012年起行业采用《国民经济行业分类》(GB/T 4754-2011)，与前期不可比。");
        }

        notes.Add(Printing.DemoNoteChinese);
        notes.Add(Printing.DemoNoteEnglish);

        var rows = new List<PrintedRow> { new(0, "全国", "National Total", national) };
        rows.AddRange(provinceRows);
        return new PrintedTable(Source, edition, TableId, Indicator,
            $"4-2 分地区按行业分城镇非私营单位就业人员数({year}年底)",
            $"Number of Employed Persons in Urban Non-private Units by Region and Sector (end of {year})",
            Unit, columns, rows, notes);
    }
}
