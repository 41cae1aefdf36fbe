using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Config;

/// <summary>The two things every YAML file of the project needs before and after YamlDotNet: its bytes read as strict
/// UTF-8 (YAML 1.2's encoding), and YamlDotNet's messages put in the words of the file rather than of .NET types.</summary>
internal static partial class YamlText
{
    /// <summary>The file's text, without a byte-order mark.</summary>
    /// <exception cref="ConfigException">The bytes are not UTF-8: names the file and the offset of the first bad byte.</exception>
    public static string Read(string path, string display)
    {
        var bytes = File.ReadAllBytes(path);
        return Decode(bytes, display);
    }

    /// <inheritdoc cref="Read"/>
    public static string Decode(byte[] bytes, string display)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            var bad = ex.BytesUnknown is [var first, ..] ? $" (byte 0x{first:X2} at offset {ex.Index.ToString(CultureInfo.InvariantCulture)})" : "";
            throw new ConfigException($"{display}: not UTF-8 text{bad}; save the file as UTF-8");
        }
    }

    /// <summary>YamlDotNet's message about a value of the wrong shape, in the file's words: "expected a whole number,
    /// got a list" instead of "No node deserializer … System.Int32, System.Private.CoreLib, …". Other messages pass
    /// through.</summary>
    public static string Plain(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (NoDeserializer().Match(message) is { Success: true } type)
            return $"expected {Kind(type.Groups["type"].Value)}, got a list or a mapping";
        if (WrongNode().Match(message) is { Success: true } node)
            return $"expected {Node(node.Groups["want"].Value)}, got {Node(node.Groups["got"].Value)}";
        if (BadNumber().Match(message) is { Success: true } number)
            return $"'{number.Groups["value"].Value}' is not a number";
        if (message.Contains("resulted in an overflow", StringComparison.Ordinal) || message.Contains("too large or too small", StringComparison.Ordinal))
            return "the number is out of range";
        return message;
    }

    private static string Kind(string type) => type switch
    {
        "System.String" => "a single value (text)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        _ when type.Contains("List", StringComparison.Ordinal) => "a list",
        _ => "a single value",
    };

    private static string Node(string node) => node switch
    {
        "SequenceStart" => "a list",
        "MappingStart" => "a mapping (key: value lines)",
        _ => "a single value",
    };

    [GeneratedRegex(@"No node deserializer was able to deserialize the node into type (?<type>[^,\[]+)")]
    private static partial Regex NoDeserializer();

    [GeneratedRegex(@"Expected '(?<want>\w+)', got '(?<got>\w+)'")]
    private static partial Regex WrongNode();

    [GeneratedRegex(@"The input string '(?<value>[^']*)' was not in a correct format")]
    private static partial Regex BadNumber();
}
