using System.Globalization;

namespace Warehouse.Etl.Normalizing;

/// <summary>Placeholder replaced below.</summary>
public static class ReleaseVintage
{
    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> to the first day it names.</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
