using System.CommandLine;
using DuckDB.NET.Data;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>query</c> verb: SQL against the live warehouse, opened read-only so a query can never change it.</summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL to run (read-only)" };
        var format = new Option<string>("--format")
        {
            Description = "Output format: table, csv or json",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("query", "Run read-only SQL against the live warehouse.\n\nExample:\n  warehouse query \"select * from panel limit 5\" --format csv") { sql, format };
        command.WithCommonOptions();
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(sql)!,
            parseResult.GetValue(format)!,
            Console.Out,
            Console.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, string sql, string format, TextWriter output, TextWriter errors)
    {
        string path;
        try
        {
            path = WarehouseConfigReader.ResolveDatabase(db, configPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            errors.WriteLine($"query: {e.Message}");
            return ExitCodes.Usage;
        }

        if (!MissingWarehouse.Check("query", path, errors)) return ExitCodes.Usage;

        try
        {
            // READ_ONLY: analysts query while a build writes the next file; a query must never take the write lock.
            using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            QueryResultWriter.Write(reader, format, output);
            return ExitCodes.Ok;
        }
        catch (DuckDBException e) when (e.Message.Contains("read-only", StringComparison.OrdinalIgnoreCase))
        {
            errors.WriteLine($"query: refused — the warehouse {path} is opened read-only and this statement writes. " +
                             $"Change the model through sql/ and `warehouse transform`. ({e.Message})");
            return ExitCodes.Failed;
        }
        catch (DuckDBException e)
        {
            errors.WriteLine($"query: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
