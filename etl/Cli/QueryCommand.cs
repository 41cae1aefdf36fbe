using System.CommandLine;
using DuckDB.NET.Data;

namespace Warehouse.Etl.Cli;

/// <summary>
/// The <c>query</c> verb: one read-only statement against the live warehouse in a sandbox (docs/architecture.md#the-query-sandbox), every
/// value printed as the DuckDB CLI prints it.
/// </summary>
public static class QueryCommand
{
    /// <summary>What <c>query</c> accepts, for the messages that refuse something else.</summary>
    internal const string Allowed =
        "query is read-only and runs one SELECT (or WITH, FROM, VALUES, TABLE, SHOW, DESCRIBE, SUMMARIZE) per call, " +
        "without file, network or extension access";

    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "One read-only SQL statement (SELECT, WITH, FROM, VALUES, TABLE, SHOW, DESCRIBE, SUMMARIZE)" };
        var format = new Option<string>("--format")
        {
            Description = "Output format: table, csv or json",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("query", "Run one read-only SQL statement against the live warehouse, in a sandbox: no writes, no COPY/EXPORT/ATTACH, no file readers (read_csv, read_text, glob), no INSTALL/LOAD, no SET.\n\nExample:\n  warehouse query \"select * from panel limit 5\" --format csv") { sql, format };
        command.WithCommonOptions(CommonOptions.Config, CommonOptions.Db, CommonOptions.DryRun);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(sql)!,
            parseResult.GetValue(format)!,
            parseResult.GetValue(CommonOptions.DryRun),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, string sql, string format, TextWriter output, TextWriter errors) =>
        Run(configPath, db, sql, format, dryRun: false, output, errors);

    /// <summary>Runs <paramref name="sql"/>; exit 0, 1 (refused or failed in DuckDB) or 2 (no SQL, several statements, bad config).</summary>
    internal static int Run(string configPath, string? db, string sql, string format, bool dryRun, TextWriter output, TextWriter errors)
    {
        var verb = new VerbOutput("query", output, errors);
        if (string.IsNullOrWhiteSpace(sql))
        {
            verb.Error("no SQL given; pass one statement, e.g. warehouse query \"select * from panel limit 5\"");
            return ExitCodes.Usage;
        }

        string path;
        try
        {
            path = WarehouseConfigReader.ResolveDatabase(db, configPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            verb.Error(e.Message);
            return ExitCodes.Usage;
        }

        if (!MissingWarehouse.Check(verb, path)) return ExitCodes.Usage;

        DuckDBConnection connection;
        try
        {
            connection = QuerySandbox.Open(path);
        }
        catch (DuckDBException e)
        {
            // The file is not a DuckDB database, is truncated or is held read-write by another process: nothing ran.
            verb.Error(FirstLine(e.Message));
            return ExitCodes.Usage;
        }

        try
        {
            var (count, parseError) = QuerySandbox.CountStatements(connection, sql);
            if (parseError is not null)
            {
                verb.Error(FirstLine(parseError));
                return ExitCodes.Failed;
            }

            if (count != 1)
            {
                verb.Error(count == 0
                    ? "the SQL holds no statement (only comments or ';'); pass one, e.g. warehouse query \"select * from panel limit 5\""
                    : $"refused — {count} statements given; {Allowed}. Run them one at a time.");
                return ExitCodes.Usage;
            }

            string wrapped = QueryResultWriter.WrappingSql(format);
            if (dryRun)
            {
                output.WriteLine($"-- dry run: would run on {path} (read-only sandbox), with $sql bound to the statement below");
                output.WriteLine(wrapped + ";");
                output.WriteLine($"-- $sql:\n{sql.TrimEnd()}");
                return ExitCodes.Ok;
            }

            using var command = connection.CreateCommand();
            command.CommandText = wrapped;
            command.Parameters.Add(new DuckDBParameter("sql", sql));
            using var reader = command.ExecuteReader();
            QueryResultWriter.Write(reader, format, output);
            return ExitCodes.Ok;
        }
        catch (DuckDBException e)
        {
            verb.Error(Explain(e.Message, path));
            return ExitCodes.Failed;
        }
        finally
        {
            connection.Dispose();
        }
    }

    /// <summary>One line saying why DuckDB refused or failed, with the sandbox's reason when it was the sandbox.</summary>
    private static string Explain(string message, string path)
    {
        string first = FirstLine(message);
        if (message.Contains("Expected a single SELECT statement", StringComparison.Ordinal))
            return $"refused — {Allowed}; this statement is not a SELECT. Change the model through sql/ and `warehouse transform` (the warehouse {path} is opened read-only).";
        if (message.Contains("Permission Error", StringComparison.Ordinal))
            return $"refused — {Allowed}. ({first})";
        if (message.Contains("configuration has been locked", StringComparison.Ordinal))
            return $"refused — settings cannot be changed in query's sandbox. ({first})";
        if (message.Contains("read-only", StringComparison.OrdinalIgnoreCase))
            return $"refused — the warehouse {path} is opened read-only and this statement writes. ({first})";
        return first;
    }

    private static string FirstLine(string message) =>
        message.Split('\n', 2)[0].Trim();
}
