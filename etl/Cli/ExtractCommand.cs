using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>extract</c> verb.</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var command = new Command("extract", "Parse one yearbook file or URL and print its observations (or raw cells).\n\nExample:\n  warehouse extract --input tables/4-2.xlsx --format csv\n  warehouse extract --input http://127.0.0.1:8080/labour/2015/index.html --raw").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("extract"));
        return command;
    }
}
