namespace Warehouse.Etl.Parsing;

/// <summary>
/// The nodes of one page's tree, handed out again for the next page read on the same thread: a page is mostly cells,
/// one node each, and new nodes were a third of an HTML page's allocations (bench parse corpus). A tree built from the
/// pool is valid until <see cref="StartPage"/> is next called, so only a reader that walks the tree before it reads
/// another page may use one (<see cref="HtmlGridReader.Read"/>).
/// </summary>
internal sealed class PageNodePool
{
    /// <summary>
    /// Nodes kept between pages at most (about 1.5 MB): a hostile page of a million elements gets new nodes past this,
    /// which the GC takes back as usual, rather than a pool that holds them for the thread's life.
    /// </summary>
    internal const int MaxKept = 16_384;

    private readonly List<PageNode> nodes = [];
    private int used;

    /// <summary>Nodes handed out for the current page.</summary>
    internal int Used => used;

    /// <summary>Starts a page: every node handed out before is free again (the previous tree must no longer be read).</summary>
    public void StartPage() => used = 0;

    /// <summary>An element named <paramref name="name"/>, as <see cref="PageNode.Element"/> makes it.</summary>
    public PageNode Element(string name) => Rent(name, null);

    /// <summary>A text node, as <see cref="PageNode.TextNode"/> makes it.</summary>
    public PageNode TextNode(string text) => Rent(null, text);

    private PageNode Rent(string? name, string? text)
    {
        if (used < nodes.Count)
            return nodes[used++].Renew(name, text);
        var node = name is null ? PageNode.TextNode(text!) : PageNode.Element(name);
        if (nodes.Count < MaxKept)
        {
            nodes.Add(node);
            used++;
        }

        return node;
    }
}
