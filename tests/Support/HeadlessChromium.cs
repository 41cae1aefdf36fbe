using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Warehouse.Tests.Support;

/// <summary>Debian's headless Chromium, driven by its command line (<c>--dump-dom</c>, <c>--screenshot</c>): a page is
/// loaded over loopback HTTP inside a same-origin frame whose script measures the layout and writes the result into
/// the dumped DOM. Tests call <see cref="Require"/> and are skipped with a message where Chromium is not installed
/// (<c>.ci/run</c> installs it).</summary>
internal static partial class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser executable; ignores the test when there is none.</summary>
    public static string Require() =>
        Candidates.FirstOrDefault(File.Exists) ?? Ignore();

    private static string Ignore()
    {
        Assert.Ignore("chromium is absent (apt-get install -y chromium; .ci/run installs it)");
        return "";
    }

    /// <summary>What the measuring frame found on a page.</summary>
    public sealed record Layout(int ScrollWidth, int ClientWidth, string[] Wide, int Images, string[] Broken, int[] RegressionTables, string Title, int Links, string[] BrokenLinks);

    /// <summary>Loads <paramref name="page"/> (relative to the site root) in a <paramref name="width"/>-pixel frame and measures it.</summary>
    public static async Task<Layout> MeasureAsync(string siteRoot, string page, int width)
    {
        var chromium = Require();
        File.WriteAllText(Path.Combine(siteRoot, "__measure.html"), MeasurePage(page, width));
        await using var server = StaticSiteServer.Start(siteRoot);
        var dom = await RunAsync(chromium, ["--dump-dom", "--virtual-time-budget=15000", server.Url("__measure.html")]);
        var json = Output().Match(dom);
        Assert.That(json.Success, Is.True, "the measuring script did not finish; DOM was:\n" + dom[..Math.Min(dom.Length, 2000)]);
        return JsonSerializer.Deserialize<Layout>(WebUtility.HtmlDecode(json.Groups[1].Value), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary>Loads <paramref name="page"/> in a same-origin frame of <paramref name="width"/> pixels and runs
    /// <paramref name="body"/> — the body of a JavaScript function of <c>(d, w)</c>, the frame's document and window, that
    /// returns a JSON-serialisable value or a promise of one — and returns that value as JSON text.</summary>
    public static async Task<JsonElement> EvaluateAsync(string siteRoot, string page, string body, int width = 1280)
    {
        var chromium = Require();
        var harness = $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>evaluate</title></head><body style="margin:0">
            <iframe id="f" src="{{page}}" style="width:{{width}}px;height:900px;border:0"></iframe>
            <pre id="out">pending</pre>
            <script>
            const frame = document.getElementById('f');
            frame.addEventListener('load', async () => {
              const run = async (d, w) => { {{body}} };
              let result;
              try { result = { ok: await run(frame.contentDocument, frame.contentWindow) }; }
              catch (e) { result = { error: String(e) }; }
              document.getElementById('out').textContent = JSON.stringify(result);
            });
            </script></body></html>
            """;
        File.WriteAllText(Path.Combine(siteRoot, "__evaluate.html"), harness);
        await using var server = StaticSiteServer.Start(siteRoot);
        var dom = await RunAsync(chromium, ["--dump-dom", "--virtual-time-budget=15000", server.Url("__evaluate.html")]);
        var json = Output().Match(dom);
        Assert.That(json.Success, Is.True, "the evaluating script did not finish; DOM was:\n" + dom[..Math.Min(dom.Length, 2000)]);
        var result = JsonDocument.Parse(WebUtility.HtmlDecode(json.Groups[1].Value)).RootElement;
        Assert.That(result.TryGetProperty("error", out var error), Is.False, "the script threw: " + (error.ValueKind == JsonValueKind.String ? error.GetString() : ""));
        return result.GetProperty("ok");
    }

    /// <summary>A PNG of the page at the given window size, attached to the test.</summary>
    public static async Task<string> ScreenshotAsync(string siteRoot, string page, int width, int height, string png)
    {
        var chromium = Require();
        await using var server = StaticSiteServer.Start(siteRoot);
        await RunAsync(chromium, [$"--screenshot={png}", $"--window-size={width},{height}", "--virtual-time-budget=10000", "--hide-scrollbars", server.Url(page)]);
        Assert.That(File.Exists(png), Is.True, "chromium wrote no screenshot");
        TestContext.AddTestAttachment(png, page + " as rendered by headless Chromium");
        return png;
    }

    private static async Task<string> RunAsync(string chromium, IEnumerable<string> args)
    {
        var profile = Directory.CreateTempSubdirectory("warehouse-chromium-");
        try
        {
            var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
                     }.Concat(args))
            {
                info.ArgumentList.Add(a);
            }
            using var child = Process.Start(info)!;
            var stdout = child.StandardOutput.ReadToEndAsync();
            var stderr = child.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await child.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish in 90 s: " + await stderr);
            }
            await stderr;
            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string MeasurePage(string page, int width) => $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>measure</title></head><body style="margin:0">
        <iframe id="f" src="{{page}}" style="width:{{width}}px;height:900px;border:0"></iframe>
        <pre id="out">pending</pre>
        <script>
        const frame = document.getElementById('f');
        frame.addEventListener('load', () => {
          const d = frame.contentDocument;
          const imgs = [...d.images];
          const done = () => {
            const vw = d.documentElement.clientWidth;
            const wide = [...d.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > vw + 1)
              .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : '')).slice(0, 10);
            const broken = imgs.filter(i => !(i.naturalWidth > 0)).map(i => i.getAttribute('src'));
            const tables = [...d.querySelectorAll('table.regression')].map(t => Math.round(t.getBoundingClientRect().width));
            const links = [...d.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => !h.startsWith('#') && !/^[a-z]+:/.test(h));
            Promise.all(links.map(h => fetch(new URL(h, frame.contentWindow.location.href)).then(r => r.ok ? null : h, () => h))).then(bad => {
              document.getElementById('out').textContent = JSON.stringify({ scrollWidth: d.documentElement.scrollWidth, clientWidth: vw, wide,
                images: imgs.length, broken, regressionTables: tables, title: d.title, links: links.length, brokenLinks: bad.filter(b => b) });
            });
          };
          const wait = () => imgs.every(i => i.complete) ? done() : setTimeout(wait, 50);
          wait();
        });
        </script></body></html>
        """;

    [GeneratedRegex("<pre id=\"out\">(\\{.*?\\})</pre>", RegexOptions.Singleline)]
    private static partial Regex Output();
}
