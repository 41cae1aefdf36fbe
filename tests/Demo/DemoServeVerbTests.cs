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

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
