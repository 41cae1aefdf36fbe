using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Warehouse.Analysis.Data;

/// <summary>What a column of a bulk read holds: a number (DOUBLE, NULL or non-finite drops the row), an
/// identifier (BIGINT or UBIGINT, NULL drops the row) or an extra number (DOUBLE, NULL becomes NaN, drops nothing).</summary>
public enum BulkColumnKind
{
    Number,
    Identifier,
    Extra,
}

/// <summary>The columns of one query, read vector by vector into arrays allocated once at the result's size.</summary>
/// <param name="Numbers">The <see cref="BulkColumnKind.Number"/> columns, in query order, rows kept only.</param>
/// <param name="Identifiers">The <see cref="BulkColumnKind.Identifier"/> columns, in query order, rows kept only.</param>
/// <param name="Extras">The <see cref="BulkColumnKind.Extra"/> columns, in query order, rows kept only.</param>
/// <param name="Dropped">Rows dropped for a NULL or non-finite number or a NULL identifier.</param>
public sealed record BulkColumns(double[][] Numbers, IdColumn[] Identifiers, double[][] Extras, int Dropped);

/// <summary>
/// Reads a query's result through DuckDB's data-chunk interface: each vector of up to 2 048 values is copied into
/// the destination array in one block, so no value goes through a data reader call and no id string is made.
/// </summary>
/// <remarks>
/// The data reader costs a call per cell (and a string per id cell); at 10^7 rows that was most of a load. The rows
/// are counted first, so every column is one array of that size, filled once; the query then streams, a chunk at a
/// time, instead of being materialised whole by DuckDB before the first value is copied — at 10^7 rows a second copy
/// of every column (480 MB of fresh memory) that cost more in page faults than the copy into the arrays; a view is
/// thus evaluated twice, the count reading only what its filters need. The count only sizes the arrays: a query that is not deterministic (<c>random()</c>, <c>using sample</c>) streams another
/// number of rows than it counted, and the arrays grow or are cut to what it streamed. Rows with a missing value are
/// squeezed out in place afterwards.
/// </remarks>
public static class BulkColumnReader
{
    /// <summary>Runs <paramref name="sql"/> on <paramref name="connection"/> and copies its columns, which must be
    /// DOUBLE where <paramref name="kinds"/> says a number and BIGINT or UBIGINT where it says an identifier.</summary>
    /// <exception cref="QueryFailedException">DuckDB cannot prepare or run the query (its message, unchanged).</exception>
    /// <exception cref="InvalidOperationException">A column does not have the type its kind needs.</exception>
    public static BulkColumns Read(DuckDBConnection connection, string sql, IReadOnlyList<BulkColumnKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(kinds);
        var rows = CountRows(connection, sql);
        if (!NativeMethods.PreparedStatements.DuckDBPrepare(connection.NativeConnection, sql, out var statement).IsSuccess())
        {
            using (statement)
                throw new QueryFailedException(NativeMethods.PreparedStatements.DuckDBPrepareError(statement));
        }

        using (statement)
        {
            var result = default(DuckDBResult);
            if (!NativeMethods.PreparedStatements.DuckDBExecutePreparedStreaming(statement, out result).IsSuccess())
            {
                var message = NativeMethods.Query.DuckDBResultError(ref result);
                NativeMethods.Query.DuckDBDestroyResult(ref result);
                throw new QueryFailedException(message);
            }

            try
            {
                return Copy(ref result, kinds, rows);
            }
            finally
            {
                NativeMethods.Query.DuckDBDestroyResult(ref result);
            }
        }
    }

    /// <summary>The number of rows <paramref name="sql"/> returns (DuckDB counts without computing the columns).</summary>
    private static int CountRows(DuckDBConnection connection, string sql)
    {
        var result = default(DuckDBResult);
        try
        {
            if (!NativeMethods.Query.DuckDBQuery(connection.NativeConnection, $"select count(*) from ({sql})", out result).IsSuccess())
                throw new QueryFailedException(NativeMethods.Query.DuckDBResultError(ref result));
            return checked((int)NativeMethods.Types.DuckDBValueInt64(ref result, 0, 0));
        }
        finally
        {
            NativeMethods.Query.DuckDBDestroyResult(ref result);
        }
    }

    private static BulkColumns Copy(ref DuckDBResult result, IReadOnlyList<BulkColumnKind> kinds, int counted)
    {
        if ((int)NativeMethods.Query.DuckDBColumnCount(ref result) != kinds.Count)
            throw new InvalidOperationException($"the query returned {NativeMethods.Query.DuckDBColumnCount(ref result)} columns, {kinds.Count} expected");
        for (var c = 0; c < kinds.Count; c++)
        {
            var expected = kinds[c] == BulkColumnKind.Identifier ? DuckDBType.BigInt : DuckDBType.Double;
            var actual = NativeMethods.Query.DuckDBColumnType(ref result, c);
            // A UBIGINT (a hash) is read bit for bit as a BIGINT: only equality matters for an identifier.
            if (actual != expected && !(expected == DuckDBType.BigInt && actual == DuckDBType.UnsignedBigInt))
                throw new InvalidOperationException($"column {c} of the query is {actual}, {expected} expected");
        }

        var capacity = counted;
        var columns = new object[kinds.Count];
        for (var c = 0; c < kinds.Count; c++)
            columns[c] = kinds[c] == BulkColumnKind.Identifier ? new IdColumn(capacity) : new double[capacity];
        var drop = new bool[capacity];
        var offset = 0;
        while (true)
        {
            using var chunk = NativeMethods.Query.DuckDBFetchChunk(result);
            if (chunk.IsInvalid)
            {
                // A streamed query fails where it fails (a bad cell deep in a CSV): no chunk, and the result says why.
                if (NativeMethods.Query.DuckDBResultError(ref result) is { Length: > 0 } error)
                    throw new QueryFailedException(error);
                break;
            }

            var size = (int)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk);
            if (size == 0) break;
            if (size > capacity - offset)
            {
                capacity = (int)Math.Min(Array.MaxLength, Math.Max(2L * capacity, (long)offset + size));
                Resize(columns, ref drop, capacity);
            }

            for (var c = 0; c < kinds.Count; c++)
            {
                var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c);
                VectorCopy.Copy(vector, size, offset, kinds[c], columns[c], drop);
            }

            offset += size;
        }

        var rows = offset;
        if (rows != capacity)
            Resize(columns, ref drop, rows);
        var dropped = 0;
        foreach (var d in drop)
            if (d) dropped++;
        if (dropped > 0)
        {
            for (var c = 0; c < columns.Length; c++)
                columns[c] = columns[c] is IdColumn id ? id.Keep(drop, rows - dropped) : Keep((double[])columns[c], drop, rows - dropped);
        }

        double[][] Of(BulkColumnKind kind) => kinds.Select((k, c) => (k, c)).Where(p => p.k == kind).Select(p => (double[])columns[p.c]).ToArray();
        return new BulkColumns(Of(BulkColumnKind.Number),
            kinds.Select((k, c) => (k, c)).Where(p => p.k == BulkColumnKind.Identifier).Select(p => (IdColumn)columns[p.c]).ToArray(),
            Of(BulkColumnKind.Extra), dropped);
    }

    /// <summary>Every column and the drop mask resized to <paramref name="length"/> rows (grown for more rows than counted,
    /// cut to the rows streamed).</summary>
    private static void Resize(object[] columns, ref bool[] drop, int length)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c] is IdColumn id)
            {
                id.Resize(length);
            }
            else
            {
                var values = (double[])columns[c];
                Array.Resize(ref values, length);
                columns[c] = values;
            }
        }

        Array.Resize(ref drop, length);
    }

    /// <summary>The values whose row is not dropped, in order (one new array of the kept size).</summary>
    internal static T[] Keep<T>(T[] values, bool[] drop, int kept)
    {
        var r = new T[kept];
        var j = 0;
        for (var i = 0; i < values.Length; i++)
            if (!drop[i]) r[j++] = values[i];
        return r;
    }

    /// <summary>Copies one vector: the pointer work is here, kept apart from the bookkeeping above.</summary>
    private static unsafe class VectorCopy
    {
        public static void Copy(IntPtr vector, int size, int offset, BulkColumnKind kind, object destination, bool[] drop)
        {
            var data = NativeMethods.Vectors.DuckDBVectorGetData(vector);
            var validity = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
            if (kind == BulkColumnKind.Identifier)
            {
                var id = (IdColumn)destination;
                id.Set(new ReadOnlySpan<long>(data, size), offset);
                if (validity is not null)
                {
                    for (var i = 0; i < size; i++)
                        if (!IsValid(validity, i)) drop[offset + i] = true;
                }

                return;
            }

            var target = (double[])destination;
            new ReadOnlySpan<double>(data, size).CopyTo(target.AsSpan(offset, size));
            if (kind == BulkColumnKind.Extra)
            {
                if (validity is null) return;
                for (var i = 0; i < size; i++)
                    if (!IsValid(validity, i)) target[offset + i] = double.NaN;
                return;
            }

            for (var i = 0; i < size; i++)
            {
                if ((validity is not null && !IsValid(validity, i)) || !double.IsFinite(target[offset + i]))
                    drop[offset + i] = true;
            }
        }

        private static bool IsValid(ulong* validity, int row) => (validity[row >> 6] & (1UL << (row & 63))) != 0;
    }
}

/// <summary>DuckDB refused or failed a query of <see cref="BulkColumnReader"/>; the message is DuckDB's, unchanged.</summary>
public sealed class QueryFailedException(string message) : Exception(message);
