using System.CommandLine;
using System.Text;
using Warehouse.Etl.Cli;
using Warehouse.Etl.Host;

// GB2312/GBK pages must decode as GB18030; the provider has to be registered before any parser runs.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

// Fresh processes fill large columns; huge pages make that several times cheaper on VMs (see the type).
GcHeapHugePages.Advise(Environment.GetEnvironmentVariable(GcHeapHugePages.Switch));

try
{
    // Builds need time to close and delete their candidate file on Ctrl-C / SIGTERM; 2 s (the default) is tight.
    var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30), EnableDefaultExceptionHandler = false };
    var parsed = RootCommandFactory.Create().Parse(args);
    if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
    {
        // A usage error (no verb, an unknown verb or option, a bad value) exits 2 like every other usage error, in one line.
        var path = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Parent is not null)
                path.Insert(0, result.Command.Name);
        }

        Console.Error.WriteLine($"warehouse: {string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')))}; see `{string.Join(' ', ["warehouse", .. path, "--help"])}`");
        return ExitCodes.Usage;
    }

    return await parsed.InvokeAsync(invocation);
}
catch (Exception ex)
{
    // Never a stack trace for the user: one line with what happened and what to do.
    Console.Error.WriteLine($"warehouse: unexpected error ({ex.GetType().Name}): {ex.Message.Split('\n', 2)[0].Trim()} — please report it with the command that caused it");
    return ExitCodes.Usage;
}
