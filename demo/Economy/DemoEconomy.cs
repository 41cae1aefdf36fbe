namespace Warehouse.Demo.Economy;

/// <summary>
/// The data-generating process behind the demo corpus: one synthetic economy of 31 provinces x 2010–2023 from
/// which every published table is printed. Values here are unrounded "truth"; the table printers round them the
/// way the yearbooks do, and the rounded numbers are what <see cref="DemoCorpus.Values"/> reports.
/// </summary>
/// <remarks>
/// <para><b>Macro series.</b> Population grows 0.2–0.8 % a year by belt (the north-east shrinks). Nominal GDP per
/// capita grows ~11 % in 2011 slowing to ~5 % by 2023, with province effects (western catch-up, north-eastern
/// lag), a 2020 dip and noise. GDP = GDP per capita x population. R&amp;D, loans, FDI and trade are province
/// ratios to GDP with trends (R&amp;D and credit deepen, FDI and trade openness fall slowly); road and rail length
/// are land area x density growing 3–4 % a year. The exchange rate is the published annual average.</para>
/// <para><b>Employment.</b> Urban non-private employment is 5–21 % of population in 2010 (richer provinces higher), +1 %/yr.
/// Its split over the 19 sections is the national 2010 split times province biases: manufacturing and producer
/// services each get a province level and a province-specific trend (coastal deindustrialisation, inland
/// relocation), plus noise, so the co-agglomeration index CO moves within provinces over time.</para>
/// <para><b>High-tech exports (the signal).</b> High-tech employment is a province share of manufacturing
/// employment; export delivery is employment x productivity (growing 7 %/yr) x the province export ratio. The
/// basket over groups k is
/// <c>w_ik,t ∝ base_k · exp(γ·z_k·(y_it/ȳ_t − 1) + β·z_k·(CO_it − 2.5) + u_ik + v_kt + ε_ikt)</c>
/// with z_k the group's position on the technology ladder (<see cref="DemoHightechGroup.Sophistication"/>),
/// γ = 0.5 (rich provinces export sophisticated goods, so those goods get a high PRODY), β = 1.5 (more
/// co-agglomeration tilts the basket toward high-PRODY groups: EXPY rises with CO), u ~ N(0, 0.4²) a province-
/// group effect, v ~ N(0, 0.1²) a group-year effect and ε ~ N(0, 0.15²) noise. The effect is deliberately
/// moderate and not tuned to any paper's numbers.</para>
/// </remarks>
internal sealed class DemoEconomy
{
    public const int FirstYear = 2010;
    public const int LastYear = 2023;
    public const int Years = LastYear - FirstYear + 1;

    /// <summary>Tilt of the export basket toward high-ladder groups per unit of relative income.</summary>
    public const double IncomeTilt = 0.5;

    /// <summary>Tilt of the export basket toward high-ladder groups per unit of co-agglomeration.</summary>
    public const double CoAgglomerationTilt = 1.5;

    /// <summary>Annual average CNY per USD (published central parity averages, rounded to 4 decimals).</summary>
    private static readonly double[] UsdCnyByYear =
        [6.7695, 6.4588, 6.3125, 6.1932, 6.1428, 6.2284, 6.6423, 6.7518, 6.6174, 6.8985, 6.8976, 6.4515, 6.7261, 7.0467];

    private readonly IReadOnlyList<DemoProvince> provinces = DemoProvinces.All;
    private readonly double[,] population, gdpPerCapita, gdp, rd, loans, fdi, trade, road, rail, urbanTotal, co;
    private readonly Dictionary<string, double[,]> employment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double?[,]> hightechExport = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double?[,]> hightechEmployment = new(StringComparer.Ordinal);

    private DemoEconomy(int seed)
    {
        var n = provinces.Count;
        population = new double[n, Years];
        gdpPerCapita = new double[n, Years];
        gdp = new double[n, Years];
        rd = new double[n, Years];
        loans = new double[n, Years];
        fdi = new double[n, Years];
        trade = new double[n, Years];
        road = new double[n, Years];
        rail = new double[n, Years];
        urbanTotal = new double[n, Years];
        co = new double[n, Years];
        GenerateMacro(seed);
        GenerateEmployment(seed);
        ComputeCoAgglomeration();
        GenerateHightech(seed);
    }

    public static DemoEconomy Create(int seed) => new(seed);

    public IReadOnlyList<DemoProvince> Provinces => provinces;

    public static double UsdCny(int year) => UsdCnyByYear[year - FirstYear];

    public double Population(int p, int year) => population[p, year - FirstYear];
    public double GdpPerCapita(int p, int year) => gdpPerCapita[p, year - FirstYear];
    public double Gdp(int p, int year) => gdp[p, year - FirstYear];
    public double RdExpenditure(int p, int year) => rd[p, year - FirstYear];
    public double LoansBalance(int p, int year) => loans[p, year - FirstYear];
    public double FdiActual(int p, int year) => fdi[p, year - FirstYear];
    public double TradeTotal(int p, int year) => trade[p, year - FirstYear];
    public double RoadLength(int p, int year) => road[p, year - FirstYear];
    public double RailLength(int p, int year) => rail[p, year - FirstYear];

    /// <summary>Urban non-private employment in a section (2017 letter), 10k persons.</summary>
    public double Employment(int p, int year, string letter) => employment[letter][p, year - FirstYear];

    /// <summary>The co-agglomeration index the economy used to tilt exports (from unrounded employment).</summary>
    public double CoAgglomeration(int p, int year) => co[p, year - FirstYear];

    /// <summary>Export delivery value, 10k yuan; null where the group is published as missing.</summary>
    public double? HightechExport(int p, int year, string group) => hightechExport[group][p, year - FirstYear];

    /// <summary>Average employed persons; null where the group is published as missing.</summary>
    public double? HightechEmployment(int p, int year, string group) => hightechEmployment[group][p, year - FirstYear];

    private void GenerateMacro(int seed)
    {
        var rng = SplitMix64.For(seed, "macro");
        for (var p = 0; p < provinces.Count; p++)
        {
            var prov = provinces[p];
            var popGrowth = prov.Region switch
            {
                NbsRegion.Northeast => -0.004,
                _ => prov.Belt switch { Belt.East => 0.008, Belt.Middle => 0.002, _ => 0.004 },
            } + 0.002 * rng.NextGaussian();
            var growthEffect = prov.Region switch
            {
                NbsRegion.Northeast => -0.02,
                NbsRegion.West => 0.012,
                _ => 0.0,
            } + 0.006 * rng.NextGaussian();
            var rdTrend = (prov.RdIntensity > 0.03 ? 0.008 : 0.03) + 0.01 * rng.NextGaussian(); // leaders plateau, others catch up
            var loanTrend = 0.035 + 0.01 * rng.NextGaussian();
            var fdiTrend = -0.04 + 0.02 * rng.NextGaussian();
            var tradeTrend = -0.02 + 0.02 * rng.NextGaussian();
            var roadTrend = 0.03 + 0.008 * rng.NextGaussian();
            var railTrend = 0.04 + 0.01 * rng.NextGaussian();
            var urbanRate = Math.Min(0.32, 0.02 + 0.0000025 * prov.GdpPerCapita2010);

            var pop = prov.Population2010;
            var pc = prov.GdpPerCapita2010;
            var road0 = prov.AreaKm2 * prov.RoadDensity;
            var rail0 = prov.AreaKm2 * prov.RailDensity;
            for (var t = 0; t < Years; t++)
            {
                if (t > 0)
                {
                    pop *= 1.0 + popGrowth + 0.001 * rng.NextGaussian();
                    var yearGrowth = 0.11 - 0.0045 * t + (t == 10 ? -0.05 : 0.0) + (t == 11 ? 0.03 : 0.0);
                    pc *= 1.0 + yearGrowth + growthEffect + 0.01 * rng.NextGaussian();
                }

                population[p, t] = pop;
                gdpPerCapita[p, t] = pc;
                var g = pc * pop / 1e4; // yuan x 10k persons → 100M yuan
                gdp[p, t] = g;
                var usd = UsdCnyByYear[t];
                rd[p, t] = g * 1e4 * prov.RdIntensity * PortableMath.Compound(rdTrend, t) * (1 + 0.04 * rng.NextGaussian());
                loans[p, t] = g * prov.LoanRatio * PortableMath.Compound(loanTrend, t) * (1 + 0.03 * rng.NextGaussian());
                fdi[p, t] = g * 1e8 / usd * prov.FdiRatio * PortableMath.Compound(fdiTrend, t) * (1 + 0.08 * rng.NextGaussian()) / 1e4;
                trade[p, t] = g * 1e8 / usd * prov.TradeRatio * PortableMath.Compound(tradeTrend, t) * (1 + 0.06 * rng.NextGaussian()) / 1e3;
                road[p, t] = road0 * PortableMath.Compound(roadTrend, t);
                rail[p, t] = rail0 * PortableMath.Compound(railTrend, t);
                urbanTotal[p, t] = pop * urbanRate * PortableMath.Compound(0.01, t);
            }
        }
    }

    private void GenerateEmployment(int seed)
    {
        var rng = SplitMix64.For(seed, "employment");
        foreach (var letter in DemoSectors.Letters)
        {
            employment[letter] = new double[provinces.Count, Years];
        }

        for (var p = 0; p < provinces.Count; p++)
        {
            var prov = provinces[p];
            // Relocation of manufacturing inland and services deepening everywhere, differently by province.
            var manuTrend = (prov.Belt == Belt.East ? -0.012 : 0.01) + 0.012 * rng.NextGaussian();
            var servTrend = 0.01 + 0.012 * rng.NextGaussian();
            var mining = prov.Code is 14 or 15 or 23 or 61 or 62 or 65 or 52 ? 3.0 : prov.Belt == Belt.East ? 0.4 : 1.0;
            var farming = prov.Code is 22 or 23 or 46 or 53 or 65 ? 2.5 : 1.0;
            for (var t = 0; t < Years; t++)
            {
                var bias = new Dictionary<string, double>(StringComparer.Ordinal);
                var total = 0.0;
                foreach (var letter in DemoSectors.Letters)
                {
                    var b = letter switch
                    {
                        "C" => prov.ManufacturingBias * PortableMath.Compound(manuTrend, t) * (1 + 0.03 * rng.NextGaussian()),
                        "B" => mining,
                        "A" => farming,
                        _ when DemoSectors.ProducerServices.Contains(letter) =>
                            prov.ServicesBias * PortableMath.Compound(servTrend, t) * (1 + 0.03 * rng.NextGaussian()),
                        _ => 1 + 0.05 * rng.NextGaussian(),
                    };
                    var share = DemoSectors.BaseShare[letter] * b;
                    bias[letter] = share;
                    total += share;
                }

                foreach (var letter in DemoSectors.Letters)
                {
                    employment[letter][p, t] = urbanTotal[p, t] * bias[letter] / total;
                }
            }
        }
    }

    /// <summary>CO of docs/architecture.md#formulas with national totals summed over the default sample (Tibet excluded).</summary>
    private void ComputeCoAgglomeration()
    {
        for (var t = 0; t < Years; t++)
        {
            double all = 0, manu = 0, serv = 0;
            for (var p = 0; p < provinces.Count; p++)
            {
                if (!provinces[p].InDefaultSample)
                {
                    continue;
                }

                all += urbanTotal[p, t];
                manu += employment["C"][p, t];
                serv += ProducerServices(p, t);
            }

            for (var p = 0; p < provinces.Count; p++)
            {
                var lqm = employment["C"][p, t] / urbanTotal[p, t] / (manu / all);
                var lqs = ProducerServices(p, t) / urbanTotal[p, t] / (serv / all);
                co[p, t] = 1 - Math.Abs(lqm - lqs) / (lqm + lqs) + (lqm + lqs);
            }
        }
    }

    private double ProducerServices(int p, int t)
    {
        var sum = 0.0;
        foreach (var letter in DemoSectors.ProducerServices)
        {
            sum += employment[letter][p, t];
        }

        return sum;
    }

    private void GenerateHightech(int seed)
    {
        var rng = SplitMix64.For(seed, "hightech");
        var groups = DemoHightechGroups.All;
        foreach (var g in groups)
        {
            hightechExport[g.Code] = new double?[provinces.Count, Years];
            hightechEmployment[g.Code] = new double?[provinces.Count, Years];
        }

        var groupYear = new double[groups.Count, Years];
        for (var k = 0; k < groups.Count; k++)
        {
            for (var t = 0; t < Years; t++)
            {
                groupYear[k, t] = 0.1 * rng.NextGaussian();
            }
        }

        var meanIncome = new double[Years];
        for (var t = 0; t < Years; t++)
        {
            for (var p = 0; p < provinces.Count; p++)
            {
                meanIncome[t] += gdpPerCapita[p, t] / provinces.Count;
            }
        }

        for (var p = 0; p < provinces.Count; p++)
        {
            var prov = provinces[p];
            var provinceGroup = groups.Select(_ => 0.4 * rng.NextGaussian()).ToArray();
            var employmentMix = groups.Select(_ => PortableMath.Exp(0.3 * rng.NextGaussian())).ToArray();
            // Inland export hubs (laptops in Chongqing, phones in Henan, Sichuan) grew fast after 2010.
            var exportTrend = prov.Code switch { 50 => 0.15, 41 => 0.12, 51 => 0.08, _ => 0.02 } + 0.03 * rng.NextGaussian();
            for (var t = 0; t < Years; t++)
            {
                var year = FirstYear + t;
                var staff = employment["C"][p, t] * 1e4 * prov.HightechShare * PortableMath.Compound(0.02, t);
                var productivity = 40.0 * PortableMath.Compound(0.07, t); // 10k yuan per person
                var exportRatio = Math.Min(0.8, prov.ExportRatio * PortableMath.Compound(exportTrend, t));
                var exports = staff * productivity * exportRatio;

                var present = Enumerable.Range(0, groups.Count)
                    .Where(k => groups[k].ExistsIn(year) && !DemoHightechGroups.IsPublishedMissing(prov.Code, groups[k].Code))
                    .ToArray();
                var basket = new double[groups.Count];
                var mix = new double[groups.Count];
                double basketSum = 0, mixSum = 0;
                foreach (var k in present)
                {
                    var z = groups[k].Sophistication;
                    var tilt = IncomeTilt * z * (gdpPerCapita[p, t] / meanIncome[t] - 1)
                        + CoAgglomerationTilt * z * (co[p, t] - 2.5)
                        + provinceGroup[k] + groupYear[k, t] + 0.15 * rng.NextGaussian();
                    basket[k] = groups[k].ExportShare * PortableMath.Exp(tilt);
                    basketSum += basket[k];
                    mix[k] = groups[k].EmploymentShare * employmentMix[k] * (1 + 0.05 * rng.NextGaussian());
                    mixSum += mix[k];
                }

                for (var k = 0; k < groups.Count; k++)
                {
                    var on = Array.IndexOf(present, k) >= 0;
                    hightechExport[groups[k].Code][p, t] = on ? exports * basket[k] / basketSum : null;
                    hightechEmployment[groups[k].Code][p, t] = on ? staff * mix[k] / mixSum : null;
                }
            }
        }
    }
}
