using System.CommandLine;
using Warehouse.Etl.Config;
using Warehouse.Etl.Config.Profiles;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>extract</c> verb.</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Yearbook file (htm/html, xls, xlsx, NBS csv) or http(s) URL", Required = true };
        var raw = new Option<bool>("--raw") { Description = "Print every data cell as printed: table_title,unit,row_label,column_label,value,raw" };
        var profile = new Option<string?>("--profile") { Description = "Table profile (profiles/*.yml); omitted = detected from the title and header" };
        var encoding = new Option<string?>("--encoding") { Description = "Charset override for files that lie about their encoding (e.g. gb18030)" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json", "table");
        var edition = new Option<int?>("--edition") { Description = "Edition year of the file (default: the parent folder's name when it is a year)" };
        var tableId = new Option<string?>("--table-id") { Description = "table_id to print (default: the profile's usual id)" };
        var source = new Option<string?>("--source") { Description = "source name to print (default: the profile's usual source)" };
        var indicator = new Option<string?>("--indicator") { Description = "Indicator of a file that names none (an NBS export without its 指标： line), e.g. gdp" };
        var unit = new Option<string?>("--unit") { Description = "Unit, as printed (亿元, 万人, %), of columns whose file prints none" };
        var release = new Option<string?>("--release") { Description = "Release of a portal export whose footnote does not say it, YYYY[-MM[-DD]] (as a table spec's release:)" };
        var command = new Command("extract", "Parse one yearbook file or URL and print its observations (or raw cells), by the same road as build.\n\nExample:\n  warehouse extract --input tables/4-2.xlsx --format csv\n  warehouse extract --input 分省年度数据.csv --indicator gdp\n  warehouse extract --input http://127.0.0.1:8080/labour/2015/index.html --raw")
        {
            input, raw, profile, encoding, format, edition, tableId, source, indicator, unit, release,
        }.WithCommonOptions(CommonOptions.Config, CommonOptions.Offline);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new ExtractVerbRequest(
                parseResult.GetValue(input)!, parseResult.GetValue(raw), parseResult.GetValue(profile), parseResult.GetValue(encoding),
                parseResult.GetValue(format)!, parseResult.GetValue(edition), parseResult.GetValue(tableId), parseResult.GetValue(source),
                parseResult.GetValue(CommonOptions.Offline), parseResult.GetValue(indicator), parseResult.GetValue(unit), parseResult.GetValue(release));

            // pipelines.yml, when there is one, gives the raw archive, the profiles and the HTTP politeness; extract
            // works on a bare file without it.
            var configPath = parseResult.GetValue(CommonOptions.Config)!;
            PipelinesFile? config = null;
            if (File.Exists(configPath))
            {
                try
                {
                    config = ConfigLoader.Load(configPath);
                }
                catch (ConfigException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            var host = Uri.TryCreate(request.Input, UriKind.Absolute, out var url) && !url.IsFile ? url.Host : null;
            var politeness = config?.Sources.Values.Select(s => s.Politeness)
                .FirstOrDefault(p => host is not null && p.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase));
            return ExitCodes.Of(await ExtractVerb.RunAsync(request, Console.Out, Console.Error, TimeProvider.System, cancellationToken,
                config?.Warehouse.RawArchive ?? WarehouseDefaults.RawArchive, config?.Profiles ?? ProfileLoader.Bundled, politeness).ConfigureAwait(false));
        });
        return command;
    }
}
