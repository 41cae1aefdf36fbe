using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Warehouse.Demo.Serving;

/// <summary>
/// Serves a folder (the demo mirror) read-only over HTTP/1.1 on 127.0.0.1 — for scraping demos and the
/// extractor's HTTP tests — with no ASP.NET: a <see cref="TcpListener"/> and one short-lived connection per
/// request. GET and HEAD; a folder URL serves its <c>index.html</c>; strong ETags (sha256 of the bytes) answer
/// <c>If-None-Match</c> with 304; paths escaping the root are refused.
/// </summary>
/// <remarks>HTML is served as <c>text/html</c> without a charset, as the yearbook sites do: a reader must honour
/// the page's own <c>&lt;meta charset&gt;</c> (gb2312 for the Excel pages).</remarks>
public sealed class DemoHttpServer : IAsyncDisposable
{
    private const int MaxRequestHeaderBytes = 16 * 1024;

    private readonly TcpListener listener;
    private readonly string root;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;

    private DemoHttpServer(string root, int port)
    {
        this.root = Path.GetFullPath(root);
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port listened on (the ephemeral one chosen by the OS when started with port 0).</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Starts serving <paramref name="root"/>; port 0 picks a free port.</summary>
    public static DemoHttpServer Start(string root, int port = 0)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"demo serve: folder '{root}' does not exist");
        }

        return new DemoHttpServer(root, port);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
                var response = head is null ? Status(400, "Bad Request") : Respond(head);
                await stream.WriteAsync(response, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away or stalled; nothing to answer.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxRequestHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.Latin1.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }

        return null;
    }

    private byte[] Respond(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return Status(400, "Bad Request");
        }

        var method = parts[0];
        if (method is not ("GET" or "HEAD"))
        {
            return Status(405, "Method Not Allowed", "Allow: GET, HEAD\r\n");
        }

        var file = Resolve(parts[1]);
        if (file is null)
        {
            return Status(404, "Not Found");
        }

        var content = File.ReadAllBytes(file);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
        var ifNoneMatch = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(kv => kv.Length == 2 && kv[0].Trim().Equals("If-None-Match", StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv[1].Trim())
            .FirstOrDefault();
        if (ifNoneMatch is not null && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(t => t.Trim() == etag)))
        {
            return Encoding.ASCII.GetBytes($"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n");
        }

        var header = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\n" +
            $"Content-Type: {ContentType(file)}\r\n" +
            $"Content-Length: {content.Length.ToString(CultureInfo.InvariantCulture)}\r\n" +
            $"ETag: {etag}\r\n" +
            "Connection: close\r\n\r\n");
        return method == "HEAD" ? header : [.. header, .. content];
    }

    /// <summary>Maps a request target to a file under the root, or null (missing, or outside the root).</summary>
    private string? Resolve(string target)
    {
        var pathPart = target.Split('?', '#')[0];
        if (!pathPart.StartsWith('/'))
        {
            return null;
        }

        string relative;
        try
        {
            relative = Uri.UnescapeDataString(pathPart.TrimStart('/'));
        }
        catch (UriFormatException)
        {
            return null;
        }

        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return null;
        }

        if (Directory.Exists(full))
        {
            full = Path.Combine(full, "index.html");
        }

        return File.Exists(full) ? full : null;
    }

    private static string ContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".htm" or ".html" => "text/html",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xls" => "application/vnd.ms-excel",
        ".csv" => "text/csv",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".css" => "text/css",
        ".js" => "text/javascript",
        _ => "application/octet-stream",
    };

    private static byte[] Status(int code, string reason, string extraHeaders = "")
    {
        var body = Encoding.ASCII.GetBytes($"{code.ToString(CultureInfo.InvariantCulture)} {reason}\n");
        return [.. Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {code.ToString(CultureInfo.InvariantCulture)} {reason}\r\nContent-Type: text/plain\r\n{extraHeaders}" +
            $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n"), .. body];
    }
}
