using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Warehouse.Etl.Config;

/// <summary>Binds a YAML scalar to an enum through the analysis library's name table (so pipelines.yml and the CLI
/// accept the same words, e.g. <c>vcov: hetero</c>); an unknown word is a load error naming the accepted ones.</summary>
internal sealed class NamedEnumConverter<T>(IReadOnlyDictionary<string, T> names) : IYamlTypeConverter
    where T : struct, Enum
{
    public bool Accepts(Type type) => type == typeof(T) || type == typeof(T?);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (type == typeof(T?) && scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null")
            return null;
        return names.TryGetValue(scalar.Value, out var value) ? value
            : throw new YamlException(scalar.Start, scalar.End, $"unknown value '{scalar.Value}'; expected {string.Join(", ", names.Keys)}");
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(value is T v ? Warehouse.Analysis.Specs.OptionNames.NameOf(names, v) : "~"));
}
