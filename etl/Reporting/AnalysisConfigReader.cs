using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using Warehouse.Etl.Config;

namespace Warehouse.Etl.Reporting;

/// <summary>Reads only the <c>analysis</c> and <c>warehouse.path</c> parts of pipelines.yml, strictly (unknown keys
/// fail), so the report verb works without the rest of the config being valid.</summary>
/// <remarks>Stop-gap until the foundation's ConfigLoader lands; swap callers to it then.</remarks>
internal static class AnalysisConfigReader
{
    public static (AnalysisSettings Analysis, string? WarehousePath) Read(string configPath)
    {
        if (!File.Exists(configPath)) throw new FileNotFoundException($"config not found: {configPath}", configPath);
        var stream = new YamlStream();
        using (var reader = new StreamReader(configPath)) stream.Load(reader);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{configPath}: not a YAML mapping");
        if (!root.Children.TryGetValue(new YamlScalarNode("analysis"), out var analysisNode))
            throw new InvalidDataException($"{configPath}: no 'analysis' section");
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).WithDuplicateKeyChecking().Build();
        var analysis = deserializer.Deserialize<AnalysisSettings>(Serialize(analysisNode));
        string? path = null;
        if (root.Children.TryGetValue(new YamlScalarNode("warehouse"), out var wh) && wh is YamlMappingNode whMap
            && whMap.Children.TryGetValue(new YamlScalarNode("path"), out var p) && p is YamlScalarNode scalar)
            path = scalar.Value;
        return (analysis, path);
    }

    private static string Serialize(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
