using System.Text.RegularExpressions;

namespace Warehouse.Analysis.Data;

/// <summary>One absorbed fixed-effect term in fixest's syntax: <c>a</c>, <c>a^b</c> (one effect per observed
/// combination), <c>a[x]</c> (effect a plus an a-specific slope on x) or <c>a[[x]]</c> (the slopes only).</summary>
/// <param name="Text">The term as written (its name in output).</param>
/// <param name="Factors">The identifier columns combined into the effect (one unless interacted with <c>^</c>).</param>
/// <param name="Slope">The numeric column with a level-specific slope, or null.</param>
/// <param name="SlopeOnly">True for <c>a[[x]]</c>: no level intercepts, only the slopes.</param>
public sealed partial record FixedEffectTerm(string Text, IReadOnlyList<string> Factors, string? Slope, bool SlopeOnly)
{
    /// <summary>Parses one term.</summary>
    /// <exception cref="ArgumentException">The text is not a term of the forms above (plain column names only).</exception>
    public static FixedEffectTerm Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
            throw new ArgumentException($"not a fixed-effect term: '{text}' (expected a, a^b, a[x] or a[[x]] with plain column names)");
        var open = m.Groups["open"].Value;
        var close = m.Groups["close"].Value;
        if (open.Length != close.Length)
            throw new ArgumentException($"not a fixed-effect term: '{text}' (brackets do not match)");
        var slope = m.Groups["slope"].Success ? m.Groups["slope"].Value : null;
        return new FixedEffectTerm(text.Trim(), m.Groups["factors"].Value.Split('^'), slope, open.Length == 2);
    }

    /// <summary>True for a plain column name (no interaction, no slope).</summary>
    public bool IsPlain => Factors.Count == 1 && Slope is null;

    [GeneratedRegex(@"^(?<factors>[A-Za-z_][A-Za-z0-9_]*(\^[A-Za-z_][A-Za-z0-9_]*)*)(?:(?<open>\[\[?)(?<slope>[A-Za-z_][A-Za-z0-9_]*)(?<close>\]\]?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Level-specific slopes of a fixed effect: the variable each level gets its own coefficient on.</summary>
/// <param name="Variable">Column name.</param>
/// <param name="Values">The variable per row, aligned with the factor's codes.</param>
/// <param name="SlopeOnly">True when the effect has no level intercepts (<c>a[[x]]</c>).</param>
public sealed record VaryingSlope(string Variable, double[] Values, bool SlopeOnly);
