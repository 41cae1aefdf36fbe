using System.Globalization;

namespace Warehouse.Analysis.Output;

/// <summary>Numbers rounded for people the way fixest's <c>etable</c> does (its <c>format_nber_single</c>, default
/// <c>digits = 4</c>): four significant digits, one decimal once the integer part has four digits, thousands
/// separated by commas, and <c>1.234e-16</c> notation when the exponent is ≥ 10 or ≤ −5. Full precision stays in
/// the JSON and CSV outputs.</summary>
public static class EtableNumber
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Formats <paramref name="x"/>; NaN as an empty string, infinities as <c>Inf</c>/<c>-Inf</c>.</summary>
    public static string Format(double x, int digits = 4)
    {
        if (double.IsNaN(x)) return "";
        if (double.IsInfinity(x)) return x > 0 ? "Inf" : "-Inf";
        if (x == 0) return "0";
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(x)));
        if (exponent >= 10 || exponent <= -5)
        {
            var mantissa = Math.Round(x / Math.Pow(10, exponent), digits - 1, MidpointRounding.AwayFromZero);
            if (Math.Abs(mantissa) >= 10)
            {
                mantissa /= 10;
                exponent++;
            }
            return string.Create(Inv, $"{mantissa.ToString("0." + new string('#', digits - 1), Inv)}e{(exponent > 0 ? "+" : "-")}{Math.Abs(exponent):00}");
        }
        if (Math.Abs(x) >= Math.Pow(10, digits - 1)) return x.ToString("#,##0.0", Inv);
        var decimals = Math.Max(0, digits - 1 - exponent);
        var rounded = Math.Round(x, decimals, MidpointRounding.AwayFromZero);
        // Rounding can carry into a new digit (0.99996 → 1.000): keep four significant digits of the result.
        if (rounded != 0 && (int)Math.Floor(Math.Log10(Math.Abs(rounded))) > exponent) decimals = Math.Max(0, decimals - 1);
        return rounded.ToString("F" + decimals.ToString(Inv), Inv);
    }

    /// <summary>A p-value: <c>&lt;1e-16</c> below machine precision, otherwise <see cref="Format"/> with three digits.</summary>
    public static string PValue(double p) => double.IsNaN(p) ? "" : p < 1e-16 ? "<1e-16" : Format(p, 3);
}
