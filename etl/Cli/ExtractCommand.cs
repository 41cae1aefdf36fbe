using System.CommandLine;
using Warehouse.Etl.Extraction;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>extract</c> verb.</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Yearbook file (htm/html, xls, xlsx, NBS csv) or http(s) URL", Required = true };
        var raw = new Option<bool>("--raw") { Description = "Print every data cell as printed: table_title,unit,row_label,column_label,value,raw" };
        var profile = new Option<string?>("--profile") { Description = "Table profile; omitted = detected from the title" };
        var encoding = new Option<string?>("--encoding") { Description = "Charset override for files that lie about their encoding (e.g. gb18030)" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json", "table");
        var edition = new Option<int?>("--edition") { Description = "Edition year of the file (default: the parent folder's name when it is a year)" };
        var tableId = new Option<string?>("--table-id") { Description = "table_id to print (default: the profile's usual id; for NBS exports the indicator)" };
        var source = new Option<string?>("--source") { Description = "source name to print (default: the profile's usual source)" };
        var command = new Command("extract", "Parse one yearbook file or URL and print its observations (or raw cells).\n\nExample:\n  warehouse extract --input tables/4-2.xlsx --format csv\n  warehouse extract --input http://127.0.0.1:8080/labour/2015/index.html --raw")
        {
            input, raw, profile, encoding, format, edition, tableId, source,
        }.WithCommonOptions(CommonOptions.Config, CommonOptions.Offline);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new ExtractVerbRequest(
                parseResult.GetValue(input)!, parseResult.GetValue(raw), parseResult.GetValue(profile), parseResult.GetValue(encoding),
                parseResult.GetValue(format)!, parseResult.GetValue(edition), parseResult.GetValue(tableId), parseResult.GetValue(source),
                parseResult.GetValue(CommonOptions.Offline));
            var archive = RawArchiveSetting.From(parseResult.GetValue(CommonOptions.Config));
            return ExitCodes.Of(await ExtractVerb.RunAsync(request, Console.Out, Console.Error, TimeProvider.System, cancellationToken, archive).ConfigureAwait(false));
        });
        return command;
    }
}
