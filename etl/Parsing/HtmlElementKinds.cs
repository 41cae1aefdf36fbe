namespace Warehouse.Etl.Parsing;

/// <summary>
/// The element classes of the HTML tree-construction rules (WHATWG HTML §13.2.6) that <see cref="PageTreeBuilder"/>
/// follows: which start tags close an open <c>p</c>, which elements are void, special or scope boundaries.
/// </summary>
internal static class HtmlElementKinds
{
    /// <summary>Elements with no content and no end tag.</summary>
    public static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "br", "embed", "img", "keygen", "wbr", "input", "param", "source", "track", "hr", "meta", "link", "base", "basefont", "bgsound",
    };

    /// <summary>Start tags that close a <c>p</c> open in button scope before they open.</summary>
    public static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section", "summary", "ul",
    };

    /// <summary>Headings: they close an open <c>p</c> too, and an open heading when nested in one.</summary>
    public static readonly HashSet<string> Headings = new(StringComparer.Ordinal) { "h1", "h2", "h3", "h4", "h5", "h6" };

    /// <summary>Formatting elements: a misnested one is reopened by the adoption agency algorithm, which only the DOM path runs.</summary>
    public static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    /// <summary>Elements whose end tag may be implied ("generate implied end tags"); popping them loses nothing.</summary>
    public static readonly HashSet<string> ImpliedEnd = new(StringComparer.Ordinal) { "p", "li", "dd", "dt", "option", "optgroup" };

    /// <summary>
    /// Start tags the token path does not reproduce: their own insertion modes (select, template, frameset, foreign
    /// content), text rules (pre, textarea, plaintext, raw-text elements other than style and script), markers and
    /// form pointers. A page using one is read through the DOM.
    /// </summary>
    public static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "template", "frameset", "frame", "svg", "math", "select", "image", "isindex", "form", "textarea", "xmp", "iframe", "noembed", "noframes",
        "noscript", "plaintext", "listing", "pre", "button", "applet", "marquee", "object", "rb", "rp", "rt", "rtc", "input", "keygen", "search",
        "ruby", "caption",
    };

    /// <summary>Start tags of the table model (ignored outside a table; they close an open cell inside one).</summary>
    public static readonly HashSet<string> TableParts = new(StringComparer.Ordinal)
    {
        "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
    };

    /// <summary>Special elements: the "any other end tag" rule stops at them.</summary>
    public static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button", "caption", "center",
        "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame",
        "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link",
        "listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre",
        "script", "search", "section", "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
        "thead", "title", "tr", "track", "ul", "wbr", "xmp",
    };

    /// <summary>End tags that close the element of their name when it is in scope (and are ignored otherwise).</summary>
    public static readonly HashSet<string> BlockEnd = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "header", "hgroup", "main", "menu", "nav", "ol", "section", "summary", "ul",
    };

    /// <summary>Boundaries of "has an element in scope".</summary>
    public static bool IsScopeBoundary(string name) => name is "html" or "table" or "td" or "th" or "caption" or "template" or "applet" or "marquee" or "object";

    /// <summary>Head elements: before the body they go into the head, which the walker never reads.</summary>
    public static bool IsHeadContent(string name) => name is "meta" or "link" or "base" or "basefont" or "bgsound" or "title" or "style" or "script";
}
