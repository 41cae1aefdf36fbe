using System.Net;

namespace Warehouse.Tests.Support;

/// <summary>Serves a folder read-only on a free loopback port with the content types a browser needs (SVG, PNG,
/// HTML, CSS, JS, JSON), so pages are checked as a browser loads them over HTTP.</summary>
internal sealed class StaticSiteServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly string root;
    private readonly Task loop;

    private StaticSiteServer(HttpListener listener, string root, int port)
    {
        this.listener = listener;
        this.root = Path.GetFullPath(root);
        Port = port;
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string page) => $"http://127.0.0.1:{Port}/{page}";

    public static StaticSiteServer Start(string root)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new StaticSiteServer(listener, root, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
            var path = Path.GetFullPath(Path.Combine(root, relative.Length == 0 ? "index.html" : relative));
            if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }
            context.Response.ContentType = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".html" or ".htm" => "text/html; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                ".css" => "text/css",
                ".js" => "text/javascript",
                ".json" => "application/json",
                _ => "application/octet-stream",
            };
            var bytes = await File.ReadAllBytesAsync(path);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
