using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Warehouse.Etl.Config;

/// <summary>Binds a YAML scalar <c>"A..B"</c> to a <see cref="YearRange"/> through <see cref="YearRange.TryParse"/>, the
/// one place ranges are read; a malformed range is a load error at the scalar's position.</summary>
internal sealed class YearRangeConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(YearRange) || type == typeof(YearRange?);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (type == typeof(YearRange?) && scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null")
            return null;
        return YearRange.TryParse(scalar.Value, out var range, out string error) ? range
            : throw new YamlException(scalar.Start, scalar.End, error);
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(value is YearRange range ? range.ToString() : "~"));
}
