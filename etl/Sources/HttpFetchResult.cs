namespace Warehouse.Etl.Sources;

/// <summary>The outcome of one attempt or one fetch.</summary>
/// <param name="Url">The URL finally answered (after redirects).</param>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Bytes">The complete body for 2xx; empty otherwise.</param>
/// <param name="Headers">Response and content headers (comma-joined values).</param>
/// <param name="RetryAfter">A server's <c>Retry-After</c>, when given.</param>
public sealed record HttpFetchResult(Uri Url, int StatusCode, byte[] Bytes, IReadOnlyDictionary<string, string> Headers, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool NotModified => StatusCode == 304;

    /// <summary>Charset of the Content-Type header, if any.</summary>
    public string? Charset
    {
        get
        {
            if (!Headers.TryGetValue("Content-Type", out var ct))
                return null;
            var at = ct.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
            return at < 0 ? null : ct[(at + 8)..].Split(';')[0].Trim().Trim('"');
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
