namespace Warehouse.Demo.Economy;

/// <summary>
/// Math the generator needs, written with + − × ÷ only. <see cref="Math.Exp"/> comes from the platform's C library
/// and may differ in the last bit between machines; after rounding that could, rarely, change a printed digit
/// and break the byte-identical promise.
/// </summary>
internal static class PortableMath
{
    /// <summary>e^x by scaling down by 2^10, a Taylor series, and squaring back up (relative error ~1e-13).</summary>
    public static double Exp(double x)
    {
        if (x is > 50 or < -50)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the demo economy never needs such exponents");
        }

        const int halvings = 10;
        var r = x / 1024.0;
        var term = 1.0;
        var sum = 1.0;
        for (var n = 1; n <= 12; n++)
        {
            term = term * r / n;
            sum += term;
        }

        for (var i = 0; i < halvings; i++)
        {
            sum *= sum;
        }

        return sum;
    }

    /// <summary>(1 + rate)^years by repeated multiplication.</summary>
    public static double Compound(double rate, int years)
    {
        var factor = 1.0;
        for (var i = 0; i < years; i++)
        {
            factor *= 1.0 + rate;
        }

        return factor;
    }
}
