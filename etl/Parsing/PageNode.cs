namespace Warehouse.Etl.Parsing;

/// <summary>
/// One node of a page as the grid walker needs it: an element (lower-case local name, children, the three attributes a
/// cell's grid position and stored number depend on) or a text node. Built from AngleSharp's tokens by
/// <see cref="PageTreeBuilder"/>, or from AngleSharp's DOM by <see cref="PageTreeFromDom"/> when the tokens hold
/// something only the full tree builder reproduces. A page is mostly cells holding one text each, and the tree's
/// allocations are most of the token path's cost: children are linked (first child, next sibling) rather than held in
/// lists, and an element's only child, when it is text, is kept on the element (<see cref="SoleText"/>) rather than as
/// a node of its own.
/// </summary>
internal sealed class PageNode
{
    /// <summary>
    /// A text node's characters, or an element's only child when that child is text: one field for both keeps every
    /// node (most are cells) a pointer smaller.
    /// </summary>
    private string? text;

    private PageNode? lastChild;

    /// <summary>See <see cref="CountedDepth"/>; 0 when not counted.</summary>
    private int countedDepth;

    private PageNode(string? name, string? text)
    {
        Name = name;
        this.text = text;
    }

    /// <summary>Makes a node of <see cref="PageNodePool"/> new again: every field as the constructor leaves it.</summary>
    internal PageNode Renew(string? name, string? text)
    {
        Name = name;
        this.text = text;
        lastChild = null;
        countedDepth = 0;
        RowSpan = ColSpan = XNum = null;
        FirstChild = NextSibling = null;
        HoldsTable = false;
        return this;
    }

    /// <summary>The element's only child when that child is text (then <see cref="FirstChild"/> is null).</summary>
    public string? SoleText => IsText ? null : text;

    /// <summary>Lower-case local name of an HTML element; null for a text node; another namespace's elements carry a prefix (<c>ns:</c>).</summary>
    public string? Name { get; private set; }

    /// <summary>A text node's characters (entities resolved); empty for an element.</summary>
    public string Text => IsText ? text! : string.Empty;

    /// <summary>The raw <c>rowspan</c> attribute (first occurrence), if any.</summary>
    public string? RowSpan { get; set; }

    /// <summary>The raw <c>colspan</c> attribute (first occurrence), if any.</summary>
    public string? ColSpan { get; set; }

    /// <summary>The raw <c>x:num</c> attribute (first occurrence), if any: Excel's stored number beside the displayed text.</summary>
    public string? XNum { get; set; }

    public bool IsText => Name is null;

    /// <summary>
    /// On a page's body built by <see cref="PageTreeBuilder"/>: the deepest element nesting of the tree (the body counts
    /// 1), counted while it was built, so the walker's depth check need not walk the tree again; null otherwise.
    /// </summary>
    public int? CountedDepth
    {
        get => countedDepth > 0 ? countedDepth : null;
        set => countedDepth = value ?? 0;
    }

    public PageNode? FirstChild { get; private set; }

    public PageNode? NextSibling { get; private set; }

    /// <summary>
    /// A <c>table</c> element sits somewhere below this node: set by whoever builds the tree (<see cref="MarkHoldsTable"/>
    /// on the open elements, or <see cref="MarkTableHolders"/> afterwards), so nodes need no parent link.
    /// </summary>
    public bool HoldsTable { get; private set; }

    /// <summary>The element's text of its only text child, or null.</summary>
    public string? OnlyText => SoleText ?? (FirstChild is { IsText: true } only && only.NextSibling is null ? only.Text : null);

    public static PageNode Element(string name) => new(name, null);

    public static PageNode TextNode(string text) => new(null, text);

    /// <summary>Appends text (never right after other text: adjacent text is merged before it gets here).</summary>
    /// <param name="text">The text.</param>
    /// <param name="pool">Where a text node, when one is needed, comes from (a new one when null).</param>
    public void AppendText(string text, PageNodePool? pool = null)
    {
        if (FirstChild is null && this.text is null)
            this.text = text;
        else
            Append(pool?.TextNode(text) ?? TextNode(text), pool);
    }

    /// <summary>Appends a child node after the last one.</summary>
    /// <param name="child">The node appended.</param>
    /// <param name="pool">Where the node for a sole text moved out of the way comes from (a new one when null).</param>
    public void Append(PageNode child, PageNodePool? pool = null)
    {
        if (text is { } sole)
        {
            text = null;
            Link(pool?.TextNode(sole) ?? TextNode(sole));
        }

        Link(child);
    }

    /// <summary>Marks this node as holding a table; false when it already was (and so were its ancestors).</summary>
    public bool MarkHoldsTable()
    {
        if (HoldsTable)
            return false;
        HoldsTable = true;
        return true;
    }

    /// <summary>Sets <see cref="HoldsTable"/> on every element of a finished tree that has a <c>table</c> below it.</summary>
    public static void MarkTableHolders(PageNode root)
    {
        // Parents come before their children in the pre-order list, so walking it backwards sees every child first.
        var order = new List<PageNode>();
        var stack = new Stack<PageNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            order.Add(node);
            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                if (!child.IsText)
                    stack.Push(child);
            }
        }

        for (var i = order.Count - 1; i >= 0; i--)
        {
            for (var child = order[i].FirstChild; child is not null && !order[i].HoldsTable; child = child.NextSibling)
                order[i].HoldsTable = child.Name == "table" || child.HoldsTable;
        }
    }

    private void Link(PageNode child)
    {
        if (lastChild is null)
            FirstChild = child;
        else
            lastChild.NextSibling = child;
        lastChild = child;
    }

    /// <summary>
    /// The table's rows in the order <c>HTMLTableElement.rows</c> gives them: every <c>thead</c>'s rows, then rows that
    /// are children of the table or of a <c>tbody</c> in document order, then every <c>tfoot</c>'s rows.
    /// </summary>
    public IEnumerable<PageNode> TableRows()
    {
        for (var head = FirstChild; head is not null; head = head.NextSibling)
        {
            if (head.Name == "thead")
            {
                foreach (var row in head.ChildrenNamed("tr"))
                    yield return row;
            }
        }

        for (var child = FirstChild; child is not null; child = child.NextSibling)
        {
            if (child.Name == "tr")
            {
                yield return child;
            }
            else if (child.Name == "tbody")
            {
                foreach (var row in child.ChildrenNamed("tr"))
                    yield return row;
            }
        }

        for (var foot = FirstChild; foot is not null; foot = foot.NextSibling)
        {
            if (foot.Name == "tfoot")
            {
                foreach (var row in foot.ChildrenNamed("tr"))
                    yield return row;
            }
        }
    }

    private IEnumerable<PageNode> ChildrenNamed(string name)
    {
        for (var child = FirstChild; child is not null; child = child.NextSibling)
        {
            if (child.Name == name)
                yield return child;
        }
    }
}
