namespace Warehouse.Demo.Economy;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a tiny PRNG whose output is fixed by its specification, so the demo
/// corpus is byte-identical on every runtime version and machine (<see cref="Random"/> makes no such promise).
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    /// <summary>A stream for one purpose: the same (seed, purpose) always gives the same stream, and adding a new
    /// purpose later never shifts the numbers of the existing ones.</summary>
    public static SplitMix64 For(int seed, string purpose)
    {
        // FNV-1a over the purpose name: stable, unlike string.GetHashCode, which is randomised per process.
        ulong hash = 14695981039346656037UL;
        foreach (var ch in purpose)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }

        return new SplitMix64(hash ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
    }

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Approximately standard normal (Irwin–Hall: twelve uniforms minus six). Only + and −, so no
    /// libm call whose last bit could differ between platforms.</summary>
    public double NextGaussian()
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++)
        {
            sum += NextDouble();
        }

        return sum - 6.0;
    }
}
