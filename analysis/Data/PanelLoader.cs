using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Warehouse.Analysis.Data;

/// <summary>Reads the columns of a regression from a DuckDB relation or a CSV file.</summary>
/// <remarks>A CSV goes through an in-memory DuckDB (<c>read_csv_auto</c>) so both inputs share one code path,
/// including the <c>--where</c> filter, which DuckDB applies before rows reach .NET.</remarks>
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
    public static RawPanel ReadCsv(string csvPath, PanelRequest request, IReadOnlyList<string>? missingTokens = null)
    {
        if (!File.Exists(csvPath)) throw new FileNotFoundException($"CSV file not found: {csvPath}", csvPath);
        using var connection = WarehouseConnection.OpenInMemory();
        var tokens = (missingTokens ?? DefaultMissingTokens).Append("").Distinct(StringComparer.Ordinal)
            .Select(t => $"'{t.Replace("'", "''", StringComparison.Ordinal)}'");
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"create view csv_input as select * from read_csv_auto('{csvPath.Replace("'", "''", StringComparison.Ordinal)}', header = true, nullstr = [{string.Join(", ", tokens)}])";
            create.ExecuteNonQuery();
        }
        try
        {
            return Read(connection, "csv_input", request);
        }
        catch (InvalidDataException e) when (e.InnerException is DuckDBException)
        {
            throw new InvalidDataException(
                $"{csvPath}: {e.Message.Replace(" from csv_input:", ":", StringComparison.Ordinal)} (a cell meaning 'missing' that is not one of {string.Join(" ", (missingTokens ?? DefaultMissingTokens).Select(t => $"'{t}'"))} or empty? list it with --na)", e);
        }
    }

    /// <summary>Loads from an open connection. Rows with a missing model variable are dropped and counted.</summary>
    public static EstimationData FromConnection(DbConnection connection, string relation, PanelRequest request) =>
        Read(connection, relation, request).Index();

    /// <summary>Reads from an open connection without indexing the identifier columns.</summary>
    public static RawPanel Read(DbConnection connection, string relation, PanelRequest request)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        var terms = request.FixedEffects.Select(FixedEffectTerm.Parse).ToList();
        var numeric = new List<string> { request.Y };
        numeric.AddRange(request.X);
        numeric.AddRange(request.Endogenous);
        numeric.AddRange(request.Instruments);
        numeric.AddRange(terms.Where(t => t.Slope is not null).Select(t => t.Slope!));
        if (request.PanelId.Count == 2) numeric.Add(request.PanelId[1]);
        var ids = terms.SelectMany(t => t.Factors).Concat(request.Clusters).Concat(request.PanelId.Take(1)).Distinct(StringComparer.Ordinal).ToList();
        var extra = request.Extra.Where(e => !numeric.Contains(e) && !ids.Contains(e)).Distinct().ToList();
        var select = numeric.Select(c => $"cast({Quote(c)} as double)")
            .Concat(ids.Select(c => $"cast({Quote(c)} as varchar)"))
            .Concat(extra.Select(c => $"cast({Quote(c)} as double)"));
        var source = QuoteRelation(relation);
        if (request.Lags.Count > 0)
        {
            var lags = request.Lags.Select(c => $"lag({Quote(c)}) over (partition by {Quote(request.Unit)} order by {Quote(request.Time)}) as {Quote(c + "_lag1")}");
            source = $"(select *, {string.Join(", ", lags)} from {source}) as lagged";
        }
        var sql = $"select {string.Join(", ", select)} from {source}";
        if (!string.IsNullOrWhiteSpace(request.Where)) sql += $" where ({request.Where})";

        var numCols = numeric.Select(_ => new List<double>()).ToArray();
        var idCols = ids.Select(_ => new List<string>()).ToArray();
        var extraCols = extra.Select(_ => new List<double>()).ToArray();
        var dropped = 0;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        DbDataReader reader;
        try { reader = command.ExecuteReader(); }
        catch (DuckDBException ex)
        {
            throw new InvalidDataException($"cannot read {string.Join(", ", numeric.Concat(ids))} from {relation}: {ex.Message.Split('\n', 2)[0].Trim()}", ex);
        }
        using (reader)
        {
            var values = new double[numeric.Count];
            var keys = new string[ids.Count];
            while (reader.Read())
            {
                var missing = false;
                for (var c = 0; c < numeric.Count && !missing; c++)
                {
                    if (reader.IsDBNull(c)) { missing = true; break; }
                    values[c] = reader.GetDouble(c);
                    missing = !double.IsFinite(values[c]);
                }
                for (var c = 0; c < ids.Count && !missing; c++)
                {
                    if (reader.IsDBNull(numeric.Count + c)) { missing = true; break; }
                    keys[c] = reader.GetString(numeric.Count + c);
                }
                if (missing) { dropped++; continue; }
                for (var c = 0; c < numeric.Count; c++) numCols[c].Add(values[c]);
                for (var c = 0; c < ids.Count; c++) idCols[c].Add(keys[c]);
                for (var c = 0; c < extra.Count; c++)
                {
                    var o = numeric.Count + ids.Count + c;
                    extraCols[c].Add(reader.IsDBNull(o) ? double.NaN : reader.GetDouble(o));
                }
            }
        }
        return new RawPanel(request, numCols.Select(l => l.ToArray()).ToArray(), ids, idCols, dropped,
            extra.Select((name, c) => (name, c)).ToDictionary(p => p.name, p => extraCols[p.c].ToArray()));
    }

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
