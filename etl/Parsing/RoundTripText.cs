using System.Globalization;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// A double's shortest round-trip text, always the same as <c>value.ToString("R", CultureInfo.InvariantCulture)</c>,
/// made without the general shortest-digits search for the numbers workbooks mostly store: those with at most four
/// decimal places and fifteen significant digits. Formatting every stored number of a workbook that way was the largest
/// share of what the xlsx reader adds over ExcelDataReader.
/// </summary>
internal static class RoundTripText
{
    /// <summary>Below 10^15 a decimal integer has at most 15 digits, and <c>R</c> prints no exponent.</summary>
    private const double FifteenDigits = 1e15;

    /// <summary>Decimal places tried; 10^-4 is still printed without an exponent.</summary>
    private static readonly double[] Scales = [1, 10, 100, 1000, 10000];

    private static readonly long[] IntegerScales = [1, 10, 100, 1000, 10000];

    /// <summary>The text of <paramref name="value"/> as <c>ToString("R", InvariantCulture)</c> gives it.</summary>
    /// <remarks>
    /// When n / 10^k (n an integer below 10^15, k at most 4; both exact doubles, so IEEE division rounds correctly) is
    /// <paramref name="value"/> itself, the decimal n·10^-k has at most 15 significant digits and <paramref name="value"/>
    /// is its nearest double. Any two decimals of at most 15 significant digits with the same nearest double are equal,
    /// so the shortest text that reads back as <paramref name="value"/> is n·10^-k with its trailing zeros dropped.
    /// Anything else (zero and its sign, larger or smaller magnitudes, more digits) takes the runtime's formatting.
    /// </remarks>
    public static string Of(double value)
    {
        if (value != 0 && Math.Abs(value) < FifteenDigits)
        {
            for (var k = 0; k < Scales.Length; k++)
            {
                var scaled = Math.Round(value * Scales[k]);
                if (Math.Abs(scaled) >= FifteenDigits)
                    break;
                if (scaled / Scales[k] == value)
                    return Decimal((long)scaled, k);
            }
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="scaled"/> · 10^-<paramref name="places"/> in plain decimal notation, trailing zeros dropped.</summary>
    private static string Decimal(long scaled, int places)
    {
        Span<char> buffer = stackalloc char[24];
        var length = 0;
        if (scaled < 0)
            buffer[length++] = '-';
        var digits = Math.Abs(scaled);
        var whole = digits / IntegerScales[places];
        var fraction = digits % IntegerScales[places];
        whole.TryFormat(buffer[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
        if (fraction == 0)
            return new string(buffer[..length]);
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            places--;
        }

        buffer[length++] = '.';
        for (var i = places - 1; i >= 0; i--)
        {
            buffer[length + i] = (char)('0' + fraction % 10);
            fraction /= 10;
        }

        return new string(buffer[..(length + places)]);
    }
}
