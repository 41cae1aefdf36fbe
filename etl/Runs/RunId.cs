using System.Globalization;
using System.Security.Cryptography;

namespace Warehouse.Etl.Runs;

/// <summary>Run ids sort by start time and are safe in file names: <c>20261128T031500Z-ab12</c>.</summary>
public static class RunId
{
    /// <summary>Pattern of a run id inside a file name, e.g. <c>warehouse.20261128T031500Z-ab12.duckdb</c>.</summary>
    public const string Pattern = @"\d{8}T\d{6}Z-[0-9a-f]{4}";

    public static string New(TimeProvider timeProvider) =>
        timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
        + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
}
