using System.CommandLine;
using System.Text;
using Warehouse.Etl.Cli;

// GB2312/GBK pages must decode as GB18030; the provider has to be registered before any parser runs.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

try
{
    // Builds need time to close and delete their candidate file on Ctrl-C / SIGTERM; 2 s (the default) is tight.
    var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
    return await RootCommandFactory.Create().Parse(args).InvokeAsync(invocation);
}
catch (Exception ex)
{
    Console.Error.WriteLine($"warehouse: unexpected error: {ex}");
    return ExitCodes.Usage;
}
