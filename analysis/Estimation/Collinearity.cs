namespace Warehouse.Analysis.Estimation;

/// <summary>Which regressors survive partialling out (fixest's <c>collinearity</c>, pyfixest's <c>collinearity</c>).</summary>
internal static class Collinearity
{
    /// <summary>Indices of the regressors kept, in order. A regressor is dropped (with a note) when the share of its
    /// own variation left after the fixed effects and the regressors kept before it is below
    /// <paramref name="tolerance"/>.</summary>
    /// <param name="raw">The regressors before partialling out (their own centred sum of squares is the yardstick).</param>
    /// <param name="gram">X̃'X̃ of the partialled-out regressors.</param>
    /// <param name="names">Regressor names, for the notes.</param>
    /// <param name="tolerance">See <see cref="FeolsOptions.CollinearityTolerance"/>.</param>
    /// <param name="notes">Receives one line per dropped regressor.</param>
    public static List<int> Kept(IReadOnlyList<double[]> raw, double[,] gram, IReadOnlyList<string> names, double tolerance, List<string> notes) =>
        Kept(Yardsticks(raw), gram, names, tolerance, notes);

    /// <summary>Each regressor's own centred sum of squares (its raw sum of squares for a constant column such as the
    /// intercept): what <see cref="Kept(double[], double[,], IReadOnlyList{string}, double, List{string})"/> compares
    /// the variation left after partialling out with. Taken before the partialling when that overwrites the columns.</summary>
    public static double[] Yardsticks(IReadOnlyList<double[]> raw)
    {
        var yardsticks = new double[raw.Count];
        for (var j = 0; j < raw.Count; j++)
        {
            var col = raw[j];
            double sum = 0, sumSq = 0;
            foreach (var v in col)
            {
                sum += v;
                sumSq += v * v;
            }
            var ssRaw = sumSq - (sum * sum / col.Length);
            yardsticks[j] = ssRaw <= 1e-12 * sumSq ? sumSq : ssRaw; // a constant column (the intercept): compare with its raw size
        }
        return yardsticks;
    }

    /// <summary>As <see cref="Kept(IReadOnlyList{double[]}, double[,], IReadOnlyList{string}, double, List{string})"/>,
    /// with the regressors' <see cref="Yardsticks"/> taken already.</summary>
    public static List<int> Kept(double[] yardsticks, double[,] gram, IReadOnlyList<string> names, double tolerance, List<string> notes)
    {
        var kept = new List<int>();
        for (var j = 0; j < yardsticks.Length; j++)
        {
            var ssRaw = yardsticks[j];
            // What is left of x̃_j after projecting on the x̃ kept so far (Schur complement of the Gram matrix).
            var remaining = gram[j, j];
            var m = kept.Count;
            if (m > 0)
            {
                var sub = new double[m, m];
                for (var a = 0; a < m; a++)
                    for (var b = 0; b < m; b++) sub[a, b] = gram[kept[a], kept[b]];
                var inv = SmallMatrix.InverseSpd(sub);
                var cross = kept.Select(c => gram[c, j]).ToArray();
                var proj = SmallMatrix.Multiply(inv, cross);
                for (var a = 0; a < m; a++) remaining -= cross[a] * proj[a];
            }
            if (ssRaw == 0 || remaining / ssRaw < tolerance)
            {
                notes.Add($"{names[j]} dropped: collinear with the fixed effects or the other regressors");
                continue;
            }
            kept.Add(j);
        }
        return kept;
    }
}
