using System.Text;
using Warehouse.Etl.Cli;

// GB2312/GBK pages must decode as GB18030; the provider has to be registered before any parser runs.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

try
{
    return await RootCommandFactory.Create().Parse(args).InvokeAsync();
}
catch (Exception ex)
{
    Console.Error.WriteLine($"warehouse: unexpected error: {ex}");
    return ExitCodes.Usage;
}
