namespace Warehouse.Etl.Parsing;

/// <summary>A file or table that cannot be read faithfully; the message names file, table, row and column.</summary>
public sealed class ParseException : Exception
{
    public ParseException(string message)
        : base(message)
    {
    }

    public ParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParseException()
    {
    }

    /// <summary>Builds the standard message: what is wrong, then where.</summary>
    public static ParseException At(string file, string? table, string? row, string? column, string problem)
    {
        var parts = new List<string> { $"file '{file}'" };
        if (!string.IsNullOrEmpty(table))
            parts.Add($"table '{table}'");
        if (!string.IsNullOrEmpty(row))
            parts.Add($"row '{row}'");
        if (!string.IsNullOrEmpty(column))
            parts.Add($"column '{column}'");
        return new ParseException($"{problem} ({string.Join(", ", parts)})");
    }
}
