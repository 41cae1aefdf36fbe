using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AngleSharp.Common;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;
using AngleSharp.Text;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Builds a page's <see cref="PageNode"/> tree straight from AngleSharp's token stream, without AngleSharp's DOM: the part of
/// the HTML tree-construction rules (WHATWG HTML §13.2.6) that yearbook pages use — head content skipped, implied
/// <c>body</c>, <c>tbody</c> and <c>tr</c>, cells and rows closed by the next cell, row, section or table end, nested
/// tables in cells, <c>p</c>/<c>li</c>/<c>dd</c>/<c>dt</c> closed by their followers, stray end tags ignored, an
/// unclosed table at the end of the file. Whatever only the full tree builder reproduces (text or elements foster-parented
/// out of a table, a misnested formatting element the adoption agency would reopen, templates, forms, selects,
/// captions, foreign content, …) makes it give up: the caller then reads the page through the DOM, so both paths
/// always give the same tree.
/// </summary>
internal sealed class PageTreeBuilder
{
    /// <summary>Tag names as interned strings, looked up from the tokenizer's spans without allocating.</summary>
    private static readonly Dictionary<string, string> KnownNames = BuildKnownNames();

    /// <summary>The classes of every known tag name, keyed by the interned string's identity (no string hashing per tag).</summary>
    private static readonly Dictionary<string, Kind> KindsByName = BuildKinds();

    /// <summary>
    /// Deepest nesting followed: AngleSharp's tree builder stops nesting at 512 open elements (a 80 000-deep fuzz page
    /// came out 511 deep), and the scope look-ups here walk the open elements, so a deeper page goes to the DOM.
    /// </summary>
    private const int MaxOpen = 400;

    private readonly List<PageNode> open = [];
    private readonly StringBuilder text = new();

    /// <summary>
    /// The text read since the last element boundary while it is one token's (a cell's text, mostly): made a string at
    /// once, it skips the builder's copy in and copy out; a second token moves it into <see cref="text"/>.
    /// </summary>
    private string? soleText;
    private readonly HtmlTokenizer tokenizer;

    /// <summary>
    /// The grid attributes the tokenizer has offered since the last token was taken: the tag being read carries these,
    /// so a cell asks the token only for them (most Excel cells carry one, x:num, or none).
    /// </summary>
    private GridAttributes offered;

    /// <summary>The last known tag name interned, and its classes: a table's tags come in runs of the same name (td, /td, td, …).</summary>
    private string? recentName;

    private Kind recentKind;
    private PageNode? body;

    /// <summary>
    /// The deepest element nesting so far (the body counts 1): the open elements are always a chain from the body down,
    /// so an element pushed sits as deep as the open list is long, a void element one deeper.
    /// </summary>
    private int deepest;

    private string? skipUntil;
    private Mode mode;

    /// <summary>Where the nodes come from; null: new ones (a tree the caller may keep).</summary>
    private readonly PageNodePool? pool;

    private PageTreeBuilder(AngleSharp.Text.TextSource source, PageNodePool? pool)
    {
        tokenizer = HtmlGridReader.CreateTokenizer(source, Offer);
        this.pool = pool;
    }

    [Flags]
    private enum Kind
    {
        None = 0,
        Void = 1,
        ClosesParagraph = 2,
        Heading = 4,
        Formatting = 8,
        Unsupported = 16,
        TablePart = 32,
        Special = 64,
        BlockEnd = 128,
    }

    private enum Mode
    {
        InBody,
        InCell,
        InTable,
        InTableBody,
        InRow,
        InColumnGroup,
    }

    /// <summary>Why the last page gave up, for tests and the bench (null when it did not).</summary>
    public string? GaveUp { get; private set; }

    /// <summary>The body of <paramref name="page"/> (decoded text), or null with <paramref name="reason"/> when the page needs the DOM.</summary>
    public static PageNode? TryBuild(string page, out string? reason) => TryBuild(page.AsMemory(), out reason);

    /// <inheritdoc cref="TryBuild(string, out string?)"/>
    /// <param name="page">The decoded page.</param>
    /// <param name="reason">Why the page needs the DOM, or null.</param>
    /// <param name="pool">
    /// Nodes to build from, freed first (<see cref="PageNodePool.StartPage"/>): the tree then lasts until the pool's next
    /// page. Null: new nodes.
    /// </param>
    public static PageNode? TryBuild(ReadOnlyMemory<char> page, out string? reason, PageNodePool? pool = null)
    {
        pool?.StartPage();
        using var source = HtmlGridReader.TextSourceOf(page);
        var builder = new PageTreeBuilder(source, pool);
        using var tokenizer = builder.tokenizer;
        var result = builder.Run();
        reason = builder.GaveUp;
        return result;
    }

    private PageNode? Run()
    {
        while (GaveUp is null)
        {
            // By reference: the token holds its first four attributes inline, and a copy of it per token costs more than
            // anything the builder does with a cell's start tag (perf, bench parse corpus).
            offered = GridAttributes.None;
            ref var token = ref tokenizer.GetStructToken();
            switch (token.Type)
            {
                case HtmlTokenType.EndOfFile:
                    Flush();
                    if (GaveUp is not null)
                        return null;
                    var page = body ?? NewElement("body");
                    page.CountedDepth = Math.Max(deepest, 1);
                    return page;
                case HtmlTokenType.Character:
                    OnText(token.Data);
                    break;
                case HtmlTokenType.StartTag:
                {
                    var name = Intern(token.Name, out var kind);
                    OnStart(name, kind, name is "td" or "th" ? CellAttributes.Of(ref token, offered) : default);
                    break;
                }
                case HtmlTokenType.EndTag:
                    OnEnd(Intern(token.Name, out _));
                    break;
                case HtmlTokenType.Comment when body is not null:
                    Flush(); // a comment node sits between the texts on either side: they stay two text nodes
                    break;
            }
        }

        return null;
    }

    private void Fail(string reason) => GaveUp ??= reason;

    private PageNode NewElement(string name) => pool?.Element(name) ?? PageNode.Element(name);

    /// <summary>
    /// The tag name as a string, the interned one for a known tag, with its classes: AngleSharp hands well-known tag
    /// names over as its own literal strings, which are the same objects as ours, so most tags need one look-up by
    /// reference and none by characters.
    /// </summary>
    private string Intern(StringOrMemory name, out Kind kind)
    {
        var whole = MemoryMarshal.TryGetString(name.Memory, out var text, out var start, out var length) && start == 0 && length == text.Length ? text : null;
        if (whole is not null && ReferenceEquals(whole, recentName))
        {
            kind = recentKind;
            return whole;
        }

        if (whole is not null && KindsByName.TryGetValue(whole, out kind))
        {
            (recentName, recentKind) = (whole, kind);
            return whole;
        }

        ReadOnlySpan<char> span = name;
        if (KnownNames.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(span, out var known))
        {
            kind = KindsByName[known];
            return known;
        }

        kind = Kind.None;
        return whole ?? span.ToString();
    }

    /// <summary>Whether a tag name belongs to one of <see cref="HtmlElementKinds"/>' classes, by reference (names are interned).</summary>
    private static bool Is(string name, Kind kind) => KindsByName.TryGetValue(name, out var kinds) && (kinds & kind) != 0;

    private PageNode Current => open[^1];

    private void OnText(StringOrMemory data)
    {
        ReadOnlySpan<char> span = data;
        if (span.IsEmpty)
            return;
        if (span.Contains('\0'))
        {
            Fail("a NUL character");
            return;
        }

        if (body is null)
        {
            if (skipUntil is not null)
                return;
            span = span.TrimStart(" \t\n\f\r");
            if (span.IsEmpty)
                return;
            OpenBody();
        }

        switch (mode)
        {
            case Mode.InTable or Mode.InTableBody or Mode.InRow or Mode.InColumnGroup:
                if (!span.Trim(" \t\n\f\r").IsEmpty)
                    Fail("text directly inside a table, outside its cells (foster-parented)");
                return; // whitespace between rows: the walker never reads it
            default:
                if (soleText is null && text.Length == 0)
                {
                    soleText = span.ToString();
                    return;
                }

                if (soleText is not null)
                {
                    text.Append(soleText);
                    soleText = null;
                }

                text.Append(span);
                return;
        }
    }

    private void OnStart(string name, Kind kind, CellAttributes cellAttributes)
    {
        if (body is null && !BeforeBody(name))
            return;
        if ((kind & Kind.Unsupported) != 0)
        {
            Fail($"<{name}>");
            return;
        }

        while (GaveUp is null)
        {
            switch (mode)
            {
                case Mode.InTable:
                    if (name == "colgroup")
                    {
                        Push(name);
                    }
                    else if (name == "col")
                    {
                        Push("colgroup");
                        continue;
                    }
                    else if (name is "tbody" or "thead" or "tfoot")
                    {
                        Push(name);
                    }
                    else if (name is "td" or "th" or "tr")
                    {
                        Push("tbody");
                        continue;
                    }
                    else if (name == "table")
                    {
                        Pop(); // a table start inside a table closes it and opens a sibling
                        continue;
                    }
                    else
                    {
                        TableContent(name);
                    }

                    return;
                case Mode.InTableBody:
                    if (name == "tr")
                    {
                        Push(name);
                    }
                    else if (name is "td" or "th")
                    {
                        Push("tr");
                        continue;
                    }
                    else if (name is "col" or "colgroup" or "tbody" or "thead" or "tfoot" or "table")
                    {
                        Pop();
                        continue;
                    }
                    else
                    {
                        TableContent(name);
                    }

                    return;
                case Mode.InRow:
                    if (name is "td" or "th")
                    {
                        var cell = Push(name);
                        if (cellAttributes.Any)
                        {
                            // A new or renewed node has none of them: most cells skip three stores, each a write barrier.
                            cell.RowSpan = cellAttributes.RowSpan;
                            cell.ColSpan = cellAttributes.ColSpan;
                            cell.XNum = cellAttributes.XNum;
                        }
                    }
                    else if (name is "col" or "colgroup" or "tbody" or "thead" or "tfoot" or "tr" or "table")
                    {
                        Pop();
                        continue;
                    }
                    else
                    {
                        TableContent(name);
                    }

                    return;
                case Mode.InColumnGroup:
                    if (name == "col")
                    {
                        AppendVoid(name);
                        return;
                    }

                    Pop();
                    continue;
                case Mode.InCell when Is(name, Kind.TablePart):
                    CloseCell();
                    continue;
                default:
                    InBodyStart(name);
                    return;
            }
        }
    }

    /// <summary>Head content and the <c>body</c> tag before the body opens; false when the token is used up.</summary>
    private bool BeforeBody(string name)
    {
        if (skipUntil is not null || name is "html" or "head")
            return false;
        if (HtmlElementKinds.IsHeadContent(name))
        {
            SetTextState(name);
            if (!Is(name, Kind.Void))
                skipUntil = name;
            return false;
        }

        OpenBody();
        return name != "body";
    }

    private void OpenBody()
    {
        body = NewElement("body");
        open.Add(body);
        mode = Mode.InBody;
    }

    /// <summary>Style and script inside a table stay there; anything else would be foster-parented out of it.</summary>
    private void TableContent(string name)
    {
        if (name is "style" or "script")
        {
            Push(name);
            SetTextState(name);
        }
        else
        {
            Fail($"<{name}> directly inside a table, outside its cells (foster-parented)");
        }
    }

    private void InBodyStart(string name)
    {
        if (Is(name, Kind.TablePart) || name is "html" or "body" or "head")
            return; // outside a table, or a second html/body: ignored
        if (name == "table")
        {
            if (InScope("p", button: true) >= 0)
                Fail("<table> inside an open <p> (closed or not depending on quirks mode)");
            else
                Push(name);
            return;
        }

        if (Is(name, Kind.ClosesParagraph))
        {
            CloseParagraph();
            Push(name);
        }
        else if (Is(name, Kind.Heading))
        {
            CloseParagraph();
            if (Is(Current.Name!, Kind.Heading))
                Fail("a heading inside a heading");
            else
                Push(name);
        }
        else if (name is "li" or "dd" or "dt")
        {
            CloseListItem(name);
            CloseParagraph();
            Push(name);
        }
        else if (name == "hr")
        {
            CloseParagraph();
            AppendVoid(name);
        }
        else if (Is(name, Kind.Formatting))
        {
            if (name is "a" or "nobr" && OnStack(name))
                Fail($"<{name}> inside an open <{name}>");
            else
                Push(name);
        }
        else if (Is(name, Kind.Void))
        {
            AppendVoid(name);
        }
        else if (name is "style" or "script" or "title")
        {
            Push(name);
            SetTextState(name);
        }
        else
        {
            if (name is "option" or "optgroup" && Current.Name == "option")
                Pop();
            Push(name);
        }
    }

    private void OnEnd(string name)
    {
        if (body is null)
        {
            if (skipUntil == name)
                skipUntil = null;
            else if (skipUntil is null && name is "body" or "html" or "br")
                Fail($"</{name}> before the body");
            return;
        }

        while (GaveUp is null)
        {
            switch (mode)
            {
                case Mode.InTable:
                    if (name == "table")
                        Pop();
                    else if (Current.Name is "style" or "script")
                        Pop();
                    else
                        TableEndTagElse(name);
                    return;
                case Mode.InTableBody:
                    if (name == Current.Name)
                    {
                        Pop();
                    }
                    else if (name == "table")
                    {
                        Pop();
                        continue;
                    }
                    else if (name is not ("tbody" or "thead" or "tfoot"))
                    {
                        TableEndTagElse(name);
                    }

                    return;
                case Mode.InRow:
                    if (name == "tr")
                    {
                        Pop();
                    }
                    else if (name == "table" || (name is "tbody" or "thead" or "tfoot" && open[^2].Name == name))
                    {
                        Pop();
                        continue;
                    }
                    else if (name is not ("tbody" or "thead" or "tfoot"))
                    {
                        TableEndTagElse(name);
                    }

                    return;
                case Mode.InColumnGroup:
                    if (name == "colgroup")
                    {
                        Pop();
                    }
                    else if (name != "col")
                    {
                        Pop();
                        continue;
                    }

                    return;
                case Mode.InCell when ReferenceEquals(Current.Name, name) && name is "td" or "th":
                    // The cell is on top, as it is after its text: it closes with nothing above it to close.
                    Pop();
                    return;
                case Mode.InCell when name is "td" or "th":
                    if (open[CellIndex()].Name == name)
                        CloseCell();
                    else
                        Fail($"</{name}> in a <{open[CellIndex()].Name}> (AngleSharp closes the cell; the standard ignores the tag)");
                    return;
                case Mode.InCell when name is "table" or "tbody" or "tfoot" or "thead" or "tr":
                    if (InTableScope(name))
                    {
                        CloseCell();
                        continue;
                    }

                    return;
                default:
                    InBodyEnd(name);
                    return;
            }
        }
    }

    /// <summary>An end tag in a table outside a cell that the table rules hand to the body rules: they ignore it, bar these.</summary>
    private void TableEndTagElse(string name)
    {
        if (name is "p" or "br" || (Is(name, Kind.Formatting) && OnStack(name)))
            Fail($"</{name}> inside a table, outside its cells");
    }

    private void InBodyEnd(string name)
    {
        if (Current.Name is "style" or "script" or "title")
        {
            Pop(); // the tokenizer ends raw text only at the element's own end tag
            return;
        }

        if (name is "body" or "html")
            return;
        if (name == "p")
        {
            var p = InScope("p", button: true);
            if (p < 0)
                Fail("</p> without an open <p> (an empty paragraph is inserted)");
            else
                PopTo(p);
        }
        else if (name == "br")
        {
            Fail("</br> (read as <br>)");
        }
        else if (name is "li" or "dd" or "dt" || Is(name, Kind.BlockEnd))
        {
            var at = InScope(name, button: false, list: name == "li");
            if (at >= 0)
                PopTo(at);
        }
        else if (Is(name, Kind.Heading))
        {
            var at = HeadingInScope();
            if (at >= 0 && open[at].Name != name)
                Fail($"</{name}> closing a <{open[at].Name}>");
            else if (at >= 0)
                PopTo(at);
        }
        else if (Is(name, Kind.Formatting))
        {
            if (Current.Name == name)
                Pop();
            else if (OnStack(name))
                Fail($"</{name}> misnested (adoption agency)");
        }
        else
        {
            for (var i = open.Count - 1; i >= 0; i--)
            {
                if (open[i].Name == name)
                {
                    PopTo(i);
                    return;
                }

                if (Is(open[i].Name!, Kind.Special))
                    return;
            }
        }
    }

    private void CloseParagraph()
    {
        var p = InScope("p", button: true);
        if (p >= 0)
            PopTo(p);
    }

    /// <summary>The list-item algorithm: a new <c>li</c> closes the open one, a <c>dd</c>/<c>dt</c> the open <c>dd</c> or <c>dt</c>.</summary>
    private void CloseListItem(string name)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var node = open[i].Name!;
            if (name == "li" ? node == "li" : node is "dd" or "dt")
            {
                PopTo(i);
                return;
            }

            if (Is(node, Kind.Special) && node is not ("address" or "div" or "p"))
                return;
        }
    }

    /// <summary>Index of the innermost open <paramref name="name"/> in scope, or -1.</summary>
    private int InScope(string name, bool button, bool list = false)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var node = open[i].Name!;
            if (node == name)
                return i;
            if (HtmlElementKinds.IsScopeBoundary(node) || (button && node == "button") || (list && node is "ol" or "ul"))
                return -1;
        }

        return -1;
    }

    private int HeadingInScope()
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var node = open[i].Name!;
            if (Is(node, Kind.Heading))
                return i;
            if (HtmlElementKinds.IsScopeBoundary(node))
                return -1;
        }

        return -1;
    }

    private bool InTableScope(string name)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var node = open[i].Name!;
            if (node == name)
                return true;
            if (node is "table" or "html" or "template")
                return false;
        }

        return false;
    }

    private bool OnStack(string name)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i].Name == name)
                return true;
        }

        return false;
    }

    private int CellIndex()
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i].Name is "td" or "th")
                return i;
        }

        return -1;
    }

    /// <summary>Closes the open cell and whatever is open in it (formatting elements opened in the cell end with it).</summary>
    private void CloseCell()
    {
        var cell = CellIndex();
        Flush();
        open.RemoveRange(cell, open.Count - cell);
        UpdateMode();
    }

    /// <summary>
    /// Closes <c>open[index]</c> and everything above it. A formatting element closed this way would be reopened by
    /// the tree builder on the next text (reconstruction of active formatting elements): that page needs the DOM.
    /// </summary>
    private void PopTo(int index)
    {
        for (var i = index + 1; i < open.Count; i++)
        {
            if (Is(open[i].Name!, Kind.Formatting))
            {
                Fail($"<{open[i].Name}> left open inside <{open[index].Name}>");
                return;
            }
        }

        Flush();
        open.RemoveRange(index, open.Count - index);
        UpdateMode();
    }

    private void Pop()
    {
        Flush();
        open.RemoveAt(open.Count - 1);
        UpdateMode();
    }

    private PageNode Push(string name)
    {
        if (open.Count >= MaxOpen)
            Fail($"more than {MaxOpen} elements open");
        Flush();
        var node = NewElement(name);
        Current.Append(node, pool);
        if (name == "table")
        {
            // The open elements are the new table's ancestors.
            var ancestor = open.Count - 1;
            while (ancestor >= 0 && open[ancestor].MarkHoldsTable())
                ancestor--;
        }

        open.Add(node);
        deepest = Math.Max(deepest, open.Count);
        if (name is "td" or "th")
            mode = Mode.InCell; // what UpdateMode finds for a cell on top, without its look down the open elements
        else
            UpdateMode();
        return node;
    }

    private void AppendVoid(string name)
    {
        Flush();
        Current.Append(NewElement(name), pool);
        deepest = Math.Max(deepest, open.Count + 1);
    }

    /// <summary>The text read since the last element boundary becomes one text node of the current element (adjacent text merges, as in the DOM).</summary>
    private void Flush()
    {
        if (soleText is not null)
        {
            Current.AppendText(soleText, pool);
            soleText = null;
            return;
        }

        if (text.Length == 0)
            return;
        Current.AppendText(text.ToString(), pool);
        text.Clear();
    }

    private void UpdateMode()
    {
        if (open.Count == 0)
        {
            // Everything was closed (a stray end tag matched the body): the tree builder keeps inserting into the body.
            open.Add(body!);
        }

        var current = Current.Name;
        if (ReferenceEquals(current, "tr"))
        {
            mode = Mode.InRow; // a cell closed: its row is on top (known tag names are the interned literals)
            return;
        }

        mode = current switch
        {
            "table" => Mode.InTable,
            "tbody" or "thead" or "tfoot" => Mode.InTableBody,
            "tr" => Mode.InRow,
            "colgroup" => Mode.InColumnGroup,
            _ => CellIndex() >= 0 ? Mode.InCell : Mode.InBody,
        };
    }

    /// <summary>The tokenizer's attribute filter (<see cref="HtmlGridReader.GridAttributeOf"/>), noting what it keeps for the tag being read.</summary>
    private bool Offer(ref StructHtmlToken token, ReadOnlyMemory<char> name)
    {
        var attribute = HtmlGridReader.GridAttributeOf(name.Span);
        offered |= attribute;
        return attribute != GridAttributes.None;
    }

    /// <summary>Raw-text and RCDATA elements switch the tokenizer, as the tree builder does.</summary>
    private void SetTextState(string name)
    {
        tokenizer.State = name switch
        {
            "title" => HtmlParseMode.RCData,
            "style" => HtmlParseMode.Rawtext,
            "script" => HtmlParseMode.Script,
            _ => tokenizer.State,
        };
    }

    /// <summary>
    /// The raw attributes of a cell's start tag that the grid needs (the tokenizer keeps the first of each name, as the
    /// DOM does). An empty value is read as absent: the walker takes both as a span of 1 and no stored number.
    /// </summary>
    private readonly record struct CellAttributes(string? RowSpan, string? ColSpan, string? XNum)
    {
        /// <summary>Whether the cell carries any of them.</summary>
        public bool Any => RowSpan is not null || ColSpan is not null || XNum is not null;

        /// <summary>
        /// Read where the token lies (<c>token.Attributes</c> returns a copy of the four inline attributes, some 400 bytes),
        /// and only those of <paramref name="offered"/>: each look-up walks the token's attributes.
        /// </summary>
        public static CellAttributes Of(ref StructHtmlToken token, GridAttributes offered) =>
            offered == GridAttributes.None
                ? default
                : new(ValueOf(ref token, offered, GridAttributes.RowSpan, "rowspan"), ValueOf(ref token, offered, GridAttributes.ColSpan, "colspan"),
                    ValueOf(ref token, offered, GridAttributes.XNum, "x:num"));

        private static string? ValueOf(ref StructHtmlToken token, GridAttributes offered, GridAttributes attribute, string name)
        {
            if ((offered & attribute) == 0)
                return null;
            var value = token.GetAttribute(name);
            return value.Length == 0 ? null : value.ToString();
        }
    }

    private static Dictionary<string, Kind> BuildKinds()
    {
        var kinds = KnownNames.Values.ToDictionary(name => name, _ => Kind.None, new SameString());
        foreach (var (set, kind) in new[]
                 {
                     (HtmlElementKinds.Void, Kind.Void), (HtmlElementKinds.ClosesParagraph, Kind.ClosesParagraph), (HtmlElementKinds.Headings, Kind.Heading),
                     (HtmlElementKinds.Formatting, Kind.Formatting), (HtmlElementKinds.Unsupported, Kind.Unsupported), (HtmlElementKinds.TableParts, Kind.TablePart),
                     (HtmlElementKinds.Special, Kind.Special), (HtmlElementKinds.BlockEnd, Kind.BlockEnd),
                 })
        {
            foreach (var name in set)
            {
                var interned = KnownNames[name];
                kinds[interned] = kinds.GetValueOrDefault(interned) | kind;
            }
        }

        return kinds;
    }

    /// <summary>String identity: every name compared here is interned (a known tag) or belongs to no class.</summary>
    private sealed class SameString : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => ReferenceEquals(x, y);

        public int GetHashCode(string obj) => RuntimeHelpers.GetHashCode(obj);
    }

    private static Dictionary<string, string> BuildKnownNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in new[]
                 {
                     HtmlElementKinds.Void, HtmlElementKinds.ClosesParagraph, HtmlElementKinds.Headings, HtmlElementKinds.Formatting,
                     HtmlElementKinds.Unsupported, HtmlElementKinds.TableParts, HtmlElementKinds.Special, HtmlElementKinds.BlockEnd,
                 })
        {
            foreach (var name in set)
                names[name] = name;
        }

        foreach (var name in new[] { "span", "font", "table", "html", "head", "body", "title", "o:p", "tbody", "option", "optgroup", "col" })
            names[name] = name;
        return names;
    }
}
