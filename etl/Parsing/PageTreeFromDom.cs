using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// The page tree of an AngleSharp document's body: the path for pages whose tokens need the full HTML tree builder
/// (foster parenting, misnested formatting elements, templates, foreign content; see <see cref="PageTreeBuilder"/>).
/// </summary>
internal static class PageTreeFromDom
{
    /// <summary>The body's tree, or null when the document has no body (a frameset page).</summary>
    public static PageNode? Convert(IHtmlDocument document)
    {
        if (document.Body is not { } body)
            return null;
        var root = PageNode.Element(body.LocalName);
        var stack = new Stack<(INode Source, PageNode Target)>();
        stack.Push((body, root));
        while (stack.Count > 0)
        {
            var (source, target) = stack.Pop();
            foreach (var child in source.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        target.AppendText(text.Data);
                        break;
                    case IElement element:
                    {
                        var node = PageNode.Element(element.NamespaceUri == NamespaceNames.HtmlUri ? element.LocalName : "ns:" + element.LocalName);
                        if (element is IHtmlTableCellElement)
                        {
                            node.RowSpan = element.GetAttribute("rowspan");
                            node.ColSpan = element.GetAttribute("colspan");
                            node.XNum = element.GetAttribute("x:num");
                        }

                        target.Append(node);
                        stack.Push((element, node));
                        break;
                    }
                }
            }
        }

        PageNode.MarkTableHolders(root);
        return root;
    }
}
