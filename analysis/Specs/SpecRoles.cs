namespace Warehouse.Analysis.Specs;

/// <summary>Checks that each column of a <see cref="ModelSpec"/> plays one role: the dependent variable is not also a
/// regressor, an endogenous regressor is not its own instrument or also exogenous, and no list names a column twice.
/// R's formulas drop a response repeated on the right (with a warning) and merge a repeated term; here both are
/// refused, because either one means the user asked for a model other than the one that would be fitted. Names are
/// compared without regard to case, as DuckDB resolves them (<c>Y</c> and <c>y</c> are one column).</summary>
public static class SpecRoles
{
    /// <summary>Every conflict in <paramref name="spec"/>, one sentence each naming the column and its two roles
    /// (empty when the spec is consistent). An unreadable <see cref="ModelSpec.Iv"/> is reported as such.</summary>
    public static IReadOnlyList<string> Problems(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<string>();
        IReadOnlyList<string> endogenous = [], instruments = [];
        if (spec.Iv is not null)
        {
            try
            {
                (endogenous, instruments) = ModelRunner.ParseIv(spec.Iv);
            }
            catch (ArgumentException ex)
            {
                problems.Add(ex.Message);
            }
        }

        var lists = new (string Role, IReadOnlyList<string> Names)[]
        {
            ("regressors (x)", spec.X),
            ("endogenous regressors (iv)", endogenous),
            ("instruments (iv)", instruments),
            ("fixed effects (fe)", spec.Fe),
        };
        foreach (var (role, names) in lists)
        {
            foreach (var twice in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                problems.Add($"{twice.Key} is listed twice among the {role}");
            }
        }

        foreach (var (role, names) in lists.Take(3))
        {
            if (names.Contains(spec.Y, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{spec.Y} is the dependent variable (y) and also among the {role}");
            }
        }

        foreach (var name in endogenous.Intersect(instruments, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{name} is both endogenous and its own instrument in iv '{spec.Iv}'");
        }

        foreach (var name in spec.X.Intersect(endogenous, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"endogenous regressor {name} of iv '{spec.Iv}' is also an exogenous regressor (x)");
        }

        foreach (var name in spec.X.Intersect(instruments, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"instrument {name} of iv '{spec.Iv}' is also an exogenous regressor (x); an excluded instrument is not a regressor");
        }

        return problems;
    }
}
