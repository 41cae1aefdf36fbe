using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Warehouse.Analysis.Estimation;

/// <summary>Element-wise operations on the k interleaved columns of one row or level (<c>[index·k + j]</c> layout),
/// four or two columns per instruction where the hardware allows.</summary>
/// <remarks>The demeaning kernels touch k adjacent doubles per row several times; a scalar loop over a runtime k
/// costs a branch and a bounds check per element, which dominated the balanced 10⁶ benchmark. Callers pass refs
/// into arrays whose bounds they have already established.</remarks>
internal static class RowVector
{
    /// <summary>dst[0..k) = a[0..k) + b[0..k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sum(ref double dst, ref double a, ref double b, int k)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= k; j += 4)
                (Vector256.LoadUnsafe(ref a, (nuint)j) + Vector256.LoadUnsafe(ref b, (nuint)j)).StoreUnsafe(ref dst, (nuint)j);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + 2 <= k; j += 2)
                (Vector128.LoadUnsafe(ref a, (nuint)j) + Vector128.LoadUnsafe(ref b, (nuint)j)).StoreUnsafe(ref dst, (nuint)j);
        }

        for (; j < k; j++) Unsafe.Add(ref dst, j) = Unsafe.Add(ref a, j) + Unsafe.Add(ref b, j);
    }

    /// <summary>dst[0..k) += src[0..k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref double dst, ref double src, int k)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= k; j += 4)
                (Vector256.LoadUnsafe(ref dst, (nuint)j) + Vector256.LoadUnsafe(ref src, (nuint)j)).StoreUnsafe(ref dst, (nuint)j);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + 2 <= k; j += 2)
                (Vector128.LoadUnsafe(ref dst, (nuint)j) + Vector128.LoadUnsafe(ref src, (nuint)j)).StoreUnsafe(ref dst, (nuint)j);
        }

        for (; j < k; j++) Unsafe.Add(ref dst, j) += Unsafe.Add(ref src, j);
    }

    /// <summary>dst[0..k) -= src[0..k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(ref double dst, ref double src, int k)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= k; j += 4)
                (Vector256.LoadUnsafe(ref dst, (nuint)j) - Vector256.LoadUnsafe(ref src, (nuint)j)).StoreUnsafe(ref dst, (nuint)j);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + 2 <= k; j += 2)
                (Vector128.LoadUnsafe(ref dst, (nuint)j) - Vector128.LoadUnsafe(ref src, (nuint)j)).StoreUnsafe(ref dst, (nuint)j);
        }

        for (; j < k; j++) Unsafe.Add(ref dst, j) -= Unsafe.Add(ref src, j);
    }

    /// <summary>dst[0..k) *= factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(ref double dst, double factor, int k)
    {
        for (var j = 0; j < k; j++) Unsafe.Add(ref dst, j) *= factor;
    }
}
