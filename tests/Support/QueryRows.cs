using System.Data.Common;

namespace Warehouse.Tests.Support;

/// <summary>A query's rows as arrays of column values (nulls as null), in the order the query returns them.</summary>
internal static class QueryRows
{
    public static List<object?[]> Read(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }
}
