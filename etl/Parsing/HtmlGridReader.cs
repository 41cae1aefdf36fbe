using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Reads an HTML page (Excel / LibreOffice "Save as Web Page" exports and plain tables) from its bytes into one
/// grid per data table: text blocks before and after tables become one-cell rows, table rows are expanded by
/// rowspan/colspan. The page tree is built from AngleSharp's tokens (<see cref="PageTreeBuilder"/>); a page only the
/// full tree builder reads right goes through AngleSharp's DOM instead, with the same result.
/// </summary>
public static class HtmlGridReader
{
    /// <summary>
    /// Only rowspan, colspan and x:num matter to the grid; Excel's web pages carry a class and style on every cell,
    /// and not materialising those attributes makes parsing about a quarter faster (measured with bench parse).
    /// </summary>
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipScriptText = true,
        SkipRawText = true,
        ShouldEmitAttribute = static (ref StructHtmlToken _, ReadOnlyMemory<char> name) => GridAttributeOf(name.Span) != GridAttributes.None,
    };

    /// <summary>
    /// Which grid attribute a name is: rowspan, colspan or x:num in any case, else none. Asked of every attribute of every
    /// tag (class, style, width, align on each Excel cell): the length and first letter turn the others away before any
    /// comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the filter, which the tokenizer calls for every attribute
    internal static GridAttributes GridAttributeOf(ReadOnlySpan<char> name) => name.Length switch
    {
        7 when (name[0] | 0x20) == 'r' && name.Equals("rowspan", StringComparison.OrdinalIgnoreCase) => GridAttributes.RowSpan,
        7 when (name[0] | 0x20) == 'c' && name.Equals("colspan", StringComparison.OrdinalIgnoreCase) => GridAttributes.ColSpan,
        5 when (name[0] | 0x20) == 'x' && name.Equals("x:num", StringComparison.OrdinalIgnoreCase) => GridAttributes.XNum,
        _ => GridAttributes.None,
    };

    /// <summary>
    /// One parser per thread: a parser is not thread-safe, and the lock a shared one needs showed up as
    /// Monitor.Enter_Slowpath in 7 % of the CPU samples of a bench run (dotnet-trace, sampled thread time).
    /// </summary>
    [ThreadStatic]
    private static HtmlParser? parser;

    [ThreadStatic]
    private static PageNodePool? nodes;

    /// <summary>
    /// The nodes of the page this thread is reading, reused page after page (see <see cref="PageNodePool"/>): for a
    /// caller that walks the tree of <see cref="BuildPage"/> before it builds the next one.
    /// </summary>
    internal static PageNodePool ThreadNodePool => nodes ??= new PageNodePool();

    /// <summary>Parses bytes decoded with <paramref name="encoding"/> (decided by <see cref="CharsetDetector"/>) into one grid per data table.</summary>
    /// <exception cref="ParseException">The page breaks a limit of <paramref name="limits"/> (size, nesting depth, cells).</exception>
    public static IReadOnlyList<Grid> Read(ReadOnlyMemory<byte> bytes, Encoding encoding, string source, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        if (bytes.Length > limits.MaxHtmlBytes)
            throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxHtmlBytes = {limits.MaxHtmlBytes}"), $"the page has {bytes.Length} bytes");
        using var text = DecodedText.Of(bytes.Span, encoding);
        // The tree is walked before this thread reads another page: its nodes can come from the thread's pool.
        return ToGrids(BuildPage(text.Memory, source, limits, out _, ThreadNodePool), source, limits);
    }

    /// <summary>The AngleSharp phase alone (decoding, tokenising, tree building); split out so the bench can time it.</summary>
    internal static IHtmlDocument ParseDocument(ReadOnlyMemory<byte> bytes, Encoding encoding) => ParseDocument(Decode(bytes.Span, encoding));

    /// <summary>AngleSharp's tokenising and tree building over text already decoded.</summary>
    internal static IHtmlDocument ParseDocument(string text) => ParseDocument(text.AsMemory());

    /// <inheritdoc cref="ParseDocument(string)"/>
    internal static IHtmlDocument ParseDocument(ReadOnlyMemory<char> text)
    {
        parser ??= new HtmlParser(ParserOptions);
        return parser.ParseDocument(text);
    }

    /// <summary>
    /// AngleSharp's tokenizer alone over decoded text, with the parser's options (no tree built): the floor of any reader
    /// built on AngleSharp, which <c>bench parse</c> prints beside our reader. Returns the number of tokens.
    /// </summary>
    internal static int Tokenize(string text)
    {
        using var source = TextSourceOf(text.AsMemory());
        using var tokenizer = CreateTokenizer(source);
        var tokens = 0;
        while (tokenizer.GetStructToken().Type != HtmlTokenType.EndOfFile)
            tokens++;
        return tokens;
    }

    /// <summary>The page as one string (bench floors and tests; the reader itself keeps it in a pooled buffer, see <see cref="DecodedText"/>).</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        using var text = DecodedText.Of(bytes, encoding);
        return text.Span.ToString();
    }

    /// <summary>
    /// The page's tree: built from AngleSharp's tokens, or from its DOM when the tokens hold something only the full tree
    /// builder reproduces (<see cref="PageTreeBuilder"/>); <paramref name="throughDom"/> tells which. The token path keeps
    /// at most a few hundred elements open and the walker checks the depth it counted; AngleSharp's tree builder has no
    /// such bound, so a page goes to it only after <see cref="MarkupDepth"/> has counted its unclosed tags. With
    /// <paramref name="pool"/>, a tree from the token path lasts until the pool's next page (the DOM path never uses it).
    /// </summary>
    /// <exception cref="ParseException">The page goes to the DOM and opens more than four times
    /// <see cref="ReaderLimits.MaxHtmlDepth"/> elements without closing them.</exception>
    internal static PageNode? BuildPage(ReadOnlyMemory<char> text, string source, ReaderLimits limits, out bool throughDom, PageNodePool? pool = null)
    {
        var body = PageTreeBuilder.TryBuild(text, out var gaveUp, pool);
        throughDom = gaveUp is not null;
        if (!throughDom)
            return body;
        if (MarkupDepth.OpenTags(text.Span, limits.MaxHtmlDepth * 4) > limits.MaxHtmlDepth * 4)
        {
            // Four times the limit: unclosed tags a sloppy page leaves open count here but not in the tree.
            throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxHtmlDepth = {limits.MaxHtmlDepth}"),
                string.Create(CultureInfo.InvariantCulture, $"the page opens more than {limits.MaxHtmlDepth * 4} elements without closing them"));
        }

        return PageTreeFromDom.Convert(ParseDocument(text));
    }

    /// <summary>
    /// The decoded page as AngleSharp's read-only memory source: the tokenizer runs about 40 % faster over it than over
    /// <c>new TextSource(string)</c>, whose writable source reads through a StringBuilder (bench parse, same pages).
    /// </summary>
    internal static AngleSharp.Text.TextSource TextSourceOf(ReadOnlyMemory<char> text) => new(new AngleSharp.Text.ReadOnlyMemoryTextSource(text));

    /// <summary>
    /// AngleSharp's tokenizer over <paramref name="source"/> with the parser's options, asking <paramref name="emit"/>
    /// (default: the parser's filter) which attributes to keep. Row and column tracking is off, as in the parser: nothing
    /// reads a token's position, and tracking it costs a branch and a counter per character.
    /// </summary>
    internal static HtmlTokenizer CreateTokenizer(AngleSharp.Text.TextSource source, ShouldEmitAttribute? emit = null) =>
        new(source, AngleSharp.Html.HtmlEntityProvider.Resolver)
        {
            SkipComments = ParserOptions.SkipComments,
            SkipScriptText = ParserOptions.SkipScriptText,
            SkipRawText = ParserOptions.SkipRawText,
            ShouldEmitAttribute = emit ?? ParserOptions.ShouldEmitAttribute!,
            DisableElementPositionTracking = ParserOptions.DisableElementPositionTracking,
        };

    /// <summary>Our phase: the page's data tables, one grid each (see <see cref="PageGridWalker"/>).</summary>
    internal static IReadOnlyList<Grid> ToGrids(PageNode? body, string source, ReaderLimits? limits = null) =>
        PageGridWalker.ToGrids(body, source, limits ?? ReaderLimits.Default);

    /// <summary>The grids the DOM path gives: what the token path must reproduce exactly.</summary>
    internal static IReadOnlyList<Grid> ToGrids(IHtmlDocument document, string source, ReaderLimits? limits = null) =>
        ToGrids(PageTreeFromDom.Convert(document), source, limits);
}
