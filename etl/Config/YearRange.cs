using System.Globalization;

namespace Warehouse.Etl.Config;

/// <summary>An inclusive range of years written <c>A..B</c> (or a single year <c>A</c>), as used by
/// <c>editions:</c>, <c>sample.years</c> and <c>--years</c>.</summary>
public readonly record struct YearRange(int From, int To)
{
    public IEnumerable<int> Years => Enumerable.Range(From, To - From + 1);

    public bool Contains(int year) => year >= From && year <= To;

    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : $"{From.ToString(CultureInfo.InvariantCulture)}..{To.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>A..B</c> with 1900 ≤ A ≤ B ≤ 2100; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out YearRange range, out string error)
    {
        range = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a year range 'A..B' is expected, got nothing";
            return false;
        }

        var parts = text.Trim().Split("..");
        if (parts.Length is not (1 or 2) || !parts.All(IsYear))
        {
            error = $"'{text}' is not a year range; write it as 'A..B', e.g. '2010..2023'";
            return false;
        }

        int from = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int to = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (from > to)
        {
            error = $"year range '{text}' runs backwards ({from} > {to})";
            return false;
        }

        range = new YearRange(from, to);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with the reason.</summary>
    public static YearRange Parse(string? text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException(error);

    private static bool IsYear(string part) =>
        part.Length == 4 && part.All(char.IsAsciiDigit)
        && int.Parse(part, CultureInfo.InvariantCulture) is >= 1900 and <= 2100;
}
