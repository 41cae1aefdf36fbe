using System.Net;
using System.Net.Sockets;
using Warehouse.Etl.Cli;

namespace Warehouse.Tests.Demo;

/// <summary><c>warehouse demo serve --port P --dir DIR</c> serves the mirror until cancelled (Ctrl+C).</summary>
[TestFixture]
public sealed class DemoServeVerbTests
{
    [Test]
    public async Task The_serve_verb_serves_the_mirror_until_cancelled()
    {
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var run = RootCommandFactory.Create()
            .Parse(["demo", "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", DemoMirrorFixture.Root])
            .InvokeAsync(cancellationToken: stop.Token);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri($"http://127.0.0.1:{port}/nbs/fsnd_area.csv");
        byte[]? body = null;
        for (var attempt = 0; attempt < 1000 && body is null && !run.IsCompleted; attempt++)
        {
            try
            {
                body = await http.GetByteArrayAsync(url);
            }
            catch (HttpRequestException)
            {
                await Task.Yield(); // the listener is not up yet; retry at once, no timed sleep
            }
        }

        await stop.CancelAsync();
        var exit = await run;
        Assert.That(body, Is.EqualTo(File.ReadAllBytes(DemoMirrorFixture.PathOf("nbs/fsnd_area.csv"))));
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public async Task Serve_refuses_a_missing_folder_outside_the_project_instead_of_creating_it()
    {
        // The filesystem root is outside any project the tests run in; the verb used to create the folder there.
        var missing = Path.Combine(Path.GetPathRoot(Path.GetTempPath())!, "warehouse-demo-" + Guid.NewGuid().ToString("N"), "mirror");
        var exit = await RootCommandFactory.Create()
            .Parse(["demo", "serve", "--port", "0", "--dir", missing])
            .InvokeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(Directory.Exists(Path.GetDirectoryName(missing)), Is.False, "nothing created");
        });
    }

    [Test]
    public async Task A_port_in_use_is_a_one_line_error_with_exit_2()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (code, _, stderr) = await Warehouse.Tests.Analysis.CliRunner.RunAsync("demo", "serve", "--port", port, "--dir", DemoMirrorFixture.Root);

            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr.Trim(), Does.StartWith($"warehouse demo serve: cannot listen on 127.0.0.1:{port}: ").And.Not.Contain('\n'));
        }
        finally
        {
            taken.Stop();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
