namespace Warehouse.Etl.Parsing;

/// <summary>
/// One node of a page as the grid walker needs it: an element (lower-case local name, children, the three attributes a
/// cell's grid position and stored number depend on) or a text node. Built from AngleSharp's tokens by
/// <see cref="PageTreeBuilder"/>, or from AngleSharp's DOM by <see cref="PageTreeFromDom"/> when the tokens hold
/// something only the full tree builder reproduces.
/// </summary>
internal sealed class PageNode
{
    private List<PageNode>? children;

    private PageNode(string? name, string text)
    {
        Name = name;
        Text = text;
    }

    /// <summary>Lower-case local name of an HTML element; null for a text node; another namespace's elements carry a prefix (<c>svg:</c>).</summary>
    public string? Name { get; }

    /// <summary>A text node's characters (entities resolved); empty for an element.</summary>
    public string Text { get; }

    /// <summary>The raw <c>rowspan</c> attribute (first occurrence), if any.</summary>
    public string? RowSpan { get; set; }

    /// <summary>The raw <c>colspan</c> attribute (first occurrence), if any.</summary>
    public string? ColSpan { get; set; }

    /// <summary>The raw <c>x:num</c> attribute (first occurrence), if any: Excel's stored number beside the displayed text.</summary>
    public string? XNum { get; set; }

    public bool IsText => Name is null;

    public IReadOnlyList<PageNode> Children => (IReadOnlyList<PageNode>?)children ?? [];

    public int ChildCount => children?.Count ?? 0;

    public static PageNode Element(string name) => new(name, string.Empty);

    public static PageNode TextNode(string text) => new(null, text);

    public void Append(PageNode child) => (children ??= []).Add(child);

    /// <summary>
    /// The table's rows in the order <c>HTMLTableElement.rows</c> gives them: every <c>thead</c>'s rows, then rows that
    /// are children of the table or of a <c>tbody</c> in document order, then every <c>tfoot</c>'s rows.
    /// </summary>
    public IEnumerable<PageNode> TableRows()
    {
        foreach (var head in Children.Where(c => c.Name == "thead"))
        {
            foreach (var row in head.Children.Where(r => r.Name == "tr"))
                yield return row;
        }

        foreach (var child in Children)
        {
            if (child.Name == "tr")
            {
                yield return child;
            }
            else if (child.Name == "tbody")
            {
                foreach (var row in child.Children.Where(r => r.Name == "tr"))
                    yield return row;
            }
        }

        foreach (var foot in Children.Where(c => c.Name == "tfoot"))
        {
            foreach (var row in foot.Children.Where(r => r.Name == "tr"))
                yield return row;
        }
    }

    /// <summary>A row's <c>td</c> and <c>th</c> children.</summary>
    public IEnumerable<PageNode> RowCells() => Children.Where(c => c.Name is "td" or "th");
}
