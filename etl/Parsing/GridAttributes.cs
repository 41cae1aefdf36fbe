namespace Warehouse.Etl.Parsing;

/// <summary>The attributes of an HTML table cell the grid reads: its spans and the number Excel stored (<c>x:num</c>).</summary>
[Flags]
internal enum GridAttributes
{
    None = 0,
    RowSpan = 1,
    ColSpan = 2,
    XNum = 4,
}
