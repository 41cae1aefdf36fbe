using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Warehouse.Analysis.Data;

/// <summary>Reads the columns of a regression from a DuckDB relation or a CSV file.</summary>
/// <remarks>A CSV goes through an in-memory DuckDB (<c>read_csv</c>, parsed in parallel) so both inputs share one code
/// path, including the <c>--where</c> filter, which DuckDB applies before rows reach .NET, and the bulk column read
/// (<see cref="BulkColumnReader"/>).</remarks>
public static partial class PanelLoader
{
    /// <summary>Opens <paramref name="databasePath"/> read-only (a live warehouse may have a writer) and loads.</summary>
    public static EstimationData FromDuckDbFile(string databasePath, string relation, PanelRequest request) =>
        ReadDuckDbFile(databasePath, relation, request).Index();

    /// <summary>Reads without indexing the identifier columns (so callers can time FE indexing as part of the fit).</summary>
    public static RawPanel ReadDuckDbFile(string databasePath, string relation, PanelRequest request)
    {
        if (!File.Exists(databasePath)) throw new FileNotFoundException($"DuckDB file not found: {databasePath}", databasePath);
        using var connection = WarehouseConnection.OpenReadOnly(databasePath);
        return Read(connection, relation, request);
    }

    /// <summary>
    /// Cell texts that mean "missing" in a CSV unless told otherwise: R's <c>NA</c>, Stata's <c>.</c>, Excel's
    /// <c>#N/A</c>, <c>NULL</c>, <c>N/A</c> and <c>NaN</c>. An empty cell is always missing.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultMissingTokens = ["NA", ".", "#N/A", "NULL", "N/A", "NaN"];

    /// <summary>Loads a CSV with a header row (DuckDB sniffs types and delimiter).</summary>
    public static EstimationData FromCsv(string csvPath, PanelRequest request) => ReadCsv(csvPath, request).Index();

    /// <summary>
    /// Reads a CSV without indexing the identifier columns. A cell that is empty or exactly one of
    /// <paramref name="missingTokens"/> (default <see cref="DefaultMissingTokens"/>) is missing: its row is dropped
    /// from the estimation sample (listwise) and counted in <see cref="RawPanel"/>.
    /// </summary>
    /// <remarks>A plain file (no <see cref="PanelRequest.Where"/> or lags) is read by <see cref="CsvColumnReader"/>,
    /// Sep on all cores, only the model's columns converted. Anything that reader does not take exactly as DuckDB would
    /// goes to DuckDB (<see cref="ReadCsvThroughDuckDb"/>), which also names the line of a bad cell.</remarks>
    /// <exception cref="FileNotFoundException">No file at <paramref name="csvPath"/>.</exception>
    /// <exception cref="InvalidDataException">The file cannot be read as the model needs: one line naming the file, the
    /// line and the column where DuckDB says so; or it has a header and no data rows.</exception>
    public static RawPanel ReadCsv(string csvPath, PanelRequest request, IReadOnlyList<string>? missingTokens = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!File.Exists(csvPath)) throw new FileNotFoundException($"CSV file not found: {csvPath}", csvPath);
        if (request.Lags.Count == 0 && string.IsNullOrWhiteSpace(request.Where))
        {
            var (numeric, ids, extra) = Columns(request);
            if (CsvColumnReader.TryRead(csvPath, request, numeric, ids, Extras(extra, numeric, ids), new CsvMissingCells(MissingTokens(missingTokens))) is { } panel)
                return panel;
        }

        return ReadCsvThroughDuckDb(csvPath, request, missingTokens);
    }

    /// <summary><see cref="ReadCsv"/> through DuckDB's <c>read_csv</c> whatever the file: the model's numeric columns
    /// are read as DOUBLE from the start so a cell that is not a number is reported with its line, and identifier
    /// columns keep the type DuckDB sniffs.</summary>
    internal static RawPanel ReadCsvThroughDuckDb(string csvPath, PanelRequest request, IReadOnlyList<string>? missingTokens = null)
    {
        using var connection = WarehouseConnection.OpenInMemory();
        var tokens = MissingTokens(missingTokens);
        try
        {
            var columns = Columns(request);
            var reader = CsvSource.Sniff(connection, csvPath, tokens, header =>
                columns.Numeric.Concat(columns.Extra).Where(c => header.Contains(c) && !columns.Ids.Contains(c)),
                columns.Ids.ToHashSet(StringComparer.Ordinal));
            Execute(connection, $"create view csv_input as select * from {reader}");
            var panel = Read(connection, "csv_input", request);
            if (panel.Rows + panel.RowsDroppedMissing == 0)
                throw new InvalidDataException("no data rows below the header");
            return panel;
        }
        catch (Exception e) when (e is InvalidDataException or QueryFailedException or DuckDBException)
        {
            throw new InvalidDataException(CsvError.Describe(csvPath, e, missingTokens ?? DefaultMissingTokens), e);
        }
    }

    /// <summary>Loads from an open connection. Rows with a missing model variable are dropped and counted.</summary>
    public static EstimationData FromConnection(DbConnection connection, string relation, PanelRequest request) =>
        Read(connection, relation, request).Index();

    /// <summary>Reads from an open DuckDB connection without indexing the identifier columns.</summary>
    /// <remarks>Numbers cross into .NET as DOUBLE vectors. Identifiers never cross as text: an integer column crosses
    /// as its values, any other column as DuckDB's 64-bit hash of the value (a projection, so rows keep their order,
    /// which a window such as <c>dense_rank</c> would not); a second, small query reads each distinct value with its
    /// hash for the labels. <see cref="RawPanel.Index"/> turns both into codes in order of first appearance, as a
    /// factor of the values themselves would be.</remarks>
    /// <exception cref="ArgumentException"><paramref name="connection"/> is not a DuckDB connection, or a name is not a plain identifier.</exception>
    /// <exception cref="InvalidDataException">DuckDB cannot read the columns (its message's first line).</exception>
    public static RawPanel Read(DbConnection connection, string relation, PanelRequest request)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        if (connection is not DuckDBConnection duck) throw new ArgumentException("panels are read from a DuckDB connection", nameof(connection));
        var (numeric, ids, extra) = Columns(request);
        extra = Extras(extra, numeric, ids);
        var source = QuoteRelation(relation);
        if (request.Lags.Count > 0)
        {
            var lags = request.Lags.Select(c => $"lag({Quote(c)}) over (partition by {Quote(request.Unit)} order by {Quote(request.Time)}) as {Quote(c + "_lag1")}");
            source = $"(select *, {string.Join(", ", lags)} from {source}) as lagged";
        }
        var filter = string.IsNullOrWhiteSpace(request.Where) ? "" : $" where {Parenthesized(request.Where)}";
        var wanted = string.Join(", ", numeric.Concat(ids));
        try
        {
            var types = Describe(duck, $"select * from {source}");
            var hashed = ids.Select(c => !types.TryGetValue(c, out var t) || !IntegerTypes.Contains(t)).ToArray();
            var select = numeric.Select(c => $"cast({Quote(c)} as double)")
                .Concat(ids.Select((c, i) => hashed[i]
                    ? $"case when {Quote(c)} is null then null else hash({Quote(c)}) end"
                    : $"cast({Quote(c)} as bigint)"))
                .Concat(extra.Select(c => $"cast({Quote(c)} as double)"));
            var kinds = numeric.Select(_ => BulkColumnKind.Number).Concat(ids.Select(_ => BulkColumnKind.Identifier)).Concat(extra.Select(_ => BulkColumnKind.Extra)).ToList();
            var columns = BulkColumnReader.Read(duck, $"select {string.Join(", ", select)} from {source}{filter}", kinds);
            var labels = new Dictionary<long, string>?[ids.Count];
            for (var i = 0; i < ids.Count; i++)
            {
                if (!hashed[i]) continue;
                labels[i] = HashLabels(duck, ids[i], source, filter);
                // Two values with one hash (about one chance in 10^9 at 10^5 levels) would merge levels: read that
                // column's text instead.
                if (labels[i] is null) (columns.Identifiers[i], labels[i]) = TextKeys(duck, ids[i], numeric, ids, source, filter);
            }
            return new RawPanel(request, columns.Numbers, ids, columns.Identifiers, labels, columns.Dropped,
                extra.Select((name, c) => (name, c)).ToDictionary(p => p.name, p => columns.Extras[p.c]));
        }
        catch (Exception ex) when (ex is QueryFailedException or DuckDBException)
        {
            throw new InvalidDataException($"cannot read {wanted} from {relation}: {ex.Message.Split('\n', 2)[0].Trim()}", ex);
        }
    }

    /// <summary>Integer column types whose values cross as BIGINT (UBIGINT and HUGEINT may not fit and are hashed).</summary>
    private static readonly HashSet<string> IntegerTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
    };

    /// <summary>The model's columns: numbers (y, x, endogenous, instruments, slopes, panel time), identifiers (FE
    /// factors, clusters, panel unit) and extra numbers carried along.</summary>
    private static (List<string> Numeric, List<string> Ids, List<string> Extra) Columns(PanelRequest request)
    {
        var terms = request.FixedEffects.Select(FixedEffectTerm.Parse).ToList();
        var numeric = new List<string> { request.Y };
        numeric.AddRange(request.X);
        numeric.AddRange(request.Endogenous);
        numeric.AddRange(request.Instruments);
        numeric.AddRange(terms.Where(t => t.Slope is not null).Select(t => t.Slope!));
        if (request.PanelId.Count == 2) numeric.Add(request.PanelId[1]);
        var ids = terms.SelectMany(t => t.Factors).Concat(request.Clusters).Concat(request.PanelId.Take(1)).Distinct(StringComparer.Ordinal).ToList();
        return (numeric, ids, request.Extra.ToList());
    }

    /// <summary>The extra columns not already read as a number or identifier, each once.</summary>
    private static List<string> Extras(List<string> extra, List<string> numeric, List<string> ids) =>
        extra.Where(e => !numeric.Contains(e) && !ids.Contains(e)).Distinct().ToList();

    /// <summary>The cell texts read as missing: <paramref name="given"/> or the defaults, and always the empty text.</summary>
    private static List<string> MissingTokens(IReadOnlyList<string>? given) =>
        (given ?? DefaultMissingTokens).Append("").Distinct(StringComparer.Ordinal).ToList();

    /// <summary>DuckDB's hash of each distinct non-null value of <paramref name="column"/> → the value as text; null
    /// when two values share a hash.</summary>
    private static Dictionary<long, string>? HashLabels(DuckDBConnection connection, string column, string source, string filter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select cast(hash(v) as varchar), cast(v as varchar) from (select distinct {Quote(column)} as v from {source}{filter}) where v is not null";
        using var reader = command.ExecuteReader();
        var labels = new Dictionary<long, string>();
        while (reader.Read())
        {
            var key = unchecked((long)ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
            if (!labels.TryAdd(key, reader.GetString(1))) return null;
        }
        return labels;
    }

    /// <summary>The rare fallback of <see cref="HashLabels"/>: the column's text row by row (the rows the bulk read
    /// kept), numbered by first appearance.</summary>
    private static (IdColumn Keys, Dictionary<long, string> Labels) TextKeys(DuckDBConnection connection, string column,
        List<string> numeric, List<string> ids, string source, string filter)
    {
        // The same rows as the bulk read: every model number finite and every identifier present.
        var complete = numeric.Select(c => $"isfinite(cast({Quote(c)} as double))").Concat(ids.Select(c => $"{Quote(c)} is not null"));
        using var command = connection.CreateCommand();
        command.CommandText = $"select cast({Quote(column)} as varchar) from {source}{filter}{(filter.Length == 0 ? " where " : " and ")}{string.Join(" and ", complete)}";
        using var reader = command.ExecuteReader();
        var codes = new Dictionary<string, long>(StringComparer.Ordinal);
        var keys = new List<long>();
        while (reader.Read())
        {
            var text = reader.GetString(0);
            if (!codes.TryGetValue(text, out var code)) codes.Add(text, code = codes.Count);
            keys.Add(code);
        }
        return (IdColumn.Of(keys), codes.ToDictionary(p => p.Value, p => p.Key));
    }

    /// <summary>Column name → DuckDB type name of a query, without running it.</summary>
    private static Dictionary<string, string> Describe(DuckDBConnection connection, string query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"describe {query}";
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) types[reader.GetString(0)] = reader.GetString(1);
        return types;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A user's SQL condition (<c>--where</c>, a spec's <c>where:</c>) as one parenthesised expression; the
    /// line break ends a condition that closes with an SQL comment (<c>year &gt; 2012 -- recent</c>) before the parenthesis.</summary>
    public static string Parenthesized(string condition) => $"({condition}\n)";

    /// <summary>Quotes a column name; only plain identifiers are accepted (they cannot be SQL parameters).</summary>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (!IdentifierPattern().IsMatch(identifier))
            throw new ArgumentException($"not a plain column name: '{identifier}' (letters, digits and _ only)", nameof(identifier));
        return $"\"{identifier}\"";
    }

    /// <summary>Quotes a possibly schema-qualified relation name (<c>schema.view</c>).</summary>
    public static string QuoteRelation(string relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        return string.Join('.', relation.Split('.').Select(Quote));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    internal static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
