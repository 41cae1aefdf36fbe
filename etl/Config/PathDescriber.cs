namespace Warehouse.Etl.Config;

/// <summary>Turns a YAML key path into words a user recognises: <c>pipeline 'nightly'</c>, <c>table 2 of source 'nbs_provincial'</c>.</summary>
internal static class PathDescriber
{
    public static string Describe(IReadOnlyList<string> path) => path switch
    {
        [] => "the top level",
        ["pipelines", var name] => $"pipeline '{name}'",
        ["sources", var name] => $"source '{name}'",
        ["sources", var name, "politeness"] => $"politeness of source '{name}'",
        ["sources", var name, "tables", var index] => $"table {Ordinal(index)} of source '{name}'",
        ["analysis", "specs", var index] => $"spec {Ordinal(index)} of analysis",
        ["analysis", "specs", var index, var block] => $"'{block}' of spec {Ordinal(index)} of analysis",
        _ => $"'{string.Join('.', path)}'",
    };

    private static string Ordinal(string index) =>
        int.TryParse(index, out int i) ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : index;
}
