using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>demo</c> verb.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Write the deterministic demo yearbook mirror, or serve it over HTTP.\n\nExample:\n  warehouse demo --out demo-mirror --seed 1\n  warehouse demo serve --port 8080").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("demo"));
        return command;
    }
}
