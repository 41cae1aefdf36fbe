using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Warehouse.Tests.Etl.Sources;

/// <summary>How the loopback server misbehaves for one request.</summary>
internal enum Fault
{
    None,

    /// <summary>Accept the request and never answer.</summary>
    Hang,

    /// <summary>Declare a Content-Length 100 bytes longer than the body, send the body, close.</summary>
    Truncate,

    /// <summary>Send the headers and then one body byte per second of (fake) time.</summary>
    Drip,
}

/// <summary>One scripted answer.</summary>
internal sealed record Reply(int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, Fault Fault = Fault.None, bool Chunked = false)
{
    public static Reply Ok(string body, string contentType = "text/html; charset=utf-8") =>
        new(200, Encoding.UTF8.GetBytes(body), new Dictionary<string, string> { ["Content-Type"] = contentType });

    public static Reply Ok(byte[] body, string contentType) => new(200, body, new Dictionary<string, string> { ["Content-Type"] = contentType });

    public static Reply WithStatus(int status, params (string Name, string Value)[] headers) =>
        new(status, [], headers.ToDictionary(h => h.Name, h => h.Value));
}

/// <summary>A request as the server saw it, with the fake time of its arrival.</summary>
internal sealed record SeenRequest(string Path, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 (ephemeral port, TcpListener, one connection per request) whose answers are
/// scripted per path, so faults can be injected byte by byte.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> scripts = new();
    private readonly ConcurrentDictionary<string, Reply> defaults = new();
    private readonly TimeProvider time;
    private readonly Task loop;

    public LoopbackServer(TimeProvider time)
    {
        this.time = time;
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public Uri Url(string path) => new(BaseUrl + path);

    /// <summary>Answers for a path in order; once used up, the last one repeats.</summary>
    public void Script(string path, params Reply[] replies)
    {
        scripts[path] = new ConcurrentQueue<Reply>(replies);
        defaults[path] = replies[^1];
    }

    public int CountFor(string path) => Requests.Count(r => r.Path == path);

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var (path, headers) = await ReadRequestAsync(stream);
            Requests.Enqueue(new SeenRequest(path, headers, time.GetUtcNow()));
            var reply = scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next
                : defaults.TryGetValue(path, out var last) ? last
                : Reply.WithStatus(404);
            await WriteAsync(stream, reply);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The client gave up (timeout): nothing to do.
        }
    }

    private static async Task<(string Path, Dictionary<string, string> Headers)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
                throw new IOException("client closed");
            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var path = lines[0].Split(' ')[1];
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return (path, headers);
    }

    private async Task WriteAsync(NetworkStream stream, Reply reply)
    {
        if (reply.Fault == Fault.Hang)
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
            return;
        }

        var head = new StringBuilder($"HTTP/1.1 {reply.Status} X\r\nConnection: close\r\n");
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (reply.Chunked)
            head.Append("Transfer-Encoding: chunked\r\n");
        else
            head.Append("Content-Length: ").Append(reply.Body.Length + (reply.Fault == Fault.Truncate ? 100 : 0)).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stop.Token);
        if (reply.Chunked)
        {
            foreach (var chunk in reply.Body.Chunk(4096))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"), stop.Token);
                await stream.WriteAsync(chunk, stop.Token);
                await stream.WriteAsync("\r\n"u8.ToArray(), stop.Token);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), stop.Token);
        }
        else if (reply.Fault == Fault.Drip)
        {
            foreach (var b in reply.Body)
            {
                await stream.WriteAsync(new[] { b }, stop.Token);
                await stream.FlushAsync(stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stop.Token);
            }
        }
        else
        {
            await stream.WriteAsync(reply.Body, stop.Token);
        }

        await stream.FlushAsync(stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
