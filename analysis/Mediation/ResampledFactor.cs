using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Mediation;

/// <summary>A fixed effect of a cluster-bootstrap sample, coded as <see cref="Factor.FromKeys{T}"/> codes the keys
/// (copy, level) for a factor nested in the cluster — each drawn copy of a cluster its own levels — and as
/// <see cref="Factor.FromIntegers"/> codes the levels otherwise: in order of first appearance, so the same codes to
/// the last row, without a dictionary and a label per level in every draw. Scratch arrays of one per level are
/// reused from draw to draw, so one instance serves one thread.</summary>
internal sealed class ResampledFactor(Factor factor)
{
    private readonly int[] code = new int[factor.Levels];
    private readonly int[] seenIn = new int[factor.Levels];

    /// <summary>Rows <paramref name="idx"/> of the factor, each (copy, level) one new level.</summary>
    /// <param name="idx">The sample's rows of the original data, copy after copy.</param>
    /// <param name="copies">The copy (0..G-1) each sample row belongs to, non-decreasing: a level met again in the
    /// same copy keeps its code, which holds only while a copy's rows are contiguous.</param>
    public Factor PerCopy(int[] idx, List<int> copies)
    {
        Array.Fill(seenIn, -1);
        var codes = new int[idx.Length];
        var levels = 0;
        for (var p = 0; p < idx.Length; p++)
        {
            var level = factor.Codes[idx[p]];
            if (seenIn[level] != copies[p])
            {
                seenIn[level] = copies[p];
                code[level] = levels++;
            }
            codes[p] = code[level];
        }
        return new Factor(factor.Name, codes, levels);
    }

    /// <summary>Rows <paramref name="idx"/> of the factor, levels kept as they are (compacted).</summary>
    public Factor Rows(int[] idx)
    {
        Array.Fill(code, -1);
        var codes = new int[idx.Length];
        var levels = 0;
        for (var p = 0; p < idx.Length; p++)
        {
            ref var slot = ref code[factor.Codes[idx[p]]];
            if (slot < 0) slot = levels++;
            codes[p] = slot;
        }
        return new Factor(factor.Name, codes, levels);
    }
}
