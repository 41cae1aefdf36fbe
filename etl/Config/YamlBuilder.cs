using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Warehouse.Etl.Config;

/// <summary>The one place the YAML readers (pipelines.yml, table profiles, sql/ model files) get their deserializer builder.</summary>
internal static class YamlBuilder
{
    /// <summary>A builder with snake_case keys (<c>raw_archive</c> → <c>RawArchive</c>) and duplicate keys refused.</summary>
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification =
        "The reflection deserializer runs in the native CLI: it creates this assembly's own settings types, which the native build " +
        "keeps whole (TrimMode partial), and the collections they declare; tests/Docs/NativeCliTests runs the README's commands (validate and " +
        "the demo build among them) with the native binary.")]
    public static DeserializerBuilder SnakeCase() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking();
}
