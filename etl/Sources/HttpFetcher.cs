using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Warehouse.Etl.Sources;

/// <summary>
/// GETs pages through a Polly pipeline per host — total timeout → retry (exponential backoff with jitter, honouring
/// Retry-After; on 5xx, 408, 429, connection errors, truncated bodies and attempt timeouts; never on 404/403) →
/// circuit breaker → per-attempt timeout — with politeness, conditional GET, a body size cap, an http/https and
/// host allow-list check on every hop, and a redirect limit. Only complete bodies are returned.
/// </summary>
public sealed class HttpFetcher
{
    private readonly HttpClient client;
    private readonly HttpFetchOptions options;
    private readonly TimeProvider timeProvider;
    private readonly HostPoliteness politeness;
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpFetchResult>> pipelines = new(StringComparer.OrdinalIgnoreCase);
    private int attempts;

    /// <param name="client">A client whose handler does not follow redirects (redirects are checked here); its Timeout is set to infinite.</param>
    /// <param name="options">Retry, timeout, size and politeness settings.</param>
    /// <param name="timeProvider">Clock for delays and timeouts (FakeTimeProvider in tests).</param>
    public HttpFetcher(HttpClient client, HttpFetchOptions options, TimeProvider timeProvider)
    {
        // The pipeline's timeouts rule; HttpClient's own would throw past the retries (see CreateClient).
        if (client.Timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentException("the HttpClient must have an infinite Timeout (use HttpFetcher.CreateClient)", nameof(client));
        this.client = client;
        this.options = options;
        this.timeProvider = timeProvider;
        politeness = new HostPoliteness(options.RequestsPerSecond, timeProvider)
        {
            OnLongWait = options.Progress is { } progress
                ? (host, wait) => { if (wait >= options.LongWait) progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"http: {host}: waiting {wait.TotalSeconds:0.#} s before the next request (politeness: {options.RequestsPerSecond:0.##} requests per second)")); }
                : null,
        };
    }

    /// <summary>A client for <see cref="HttpFetcher"/>: no automatic redirects, no cookies.</summary>
    public static HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.All }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>Attempts sent so far (for tests and logs).</summary>
    public int Attempts => attempts;

    /// <summary>Fetches a URL completely.</summary>
    /// <param name="url">http or https URL on an allowed host.</param>
    /// <param name="etag">ETag of the archived copy, for a conditional GET.</param>
    /// <param name="lastModified">Last-Modified of the archived copy, for a conditional GET.</param>
    /// <param name="cancellationToken">Cancels the whole fetch.</param>
    /// <returns>A 2xx result with the full body, or a 304 result (the archived copy is current).</returns>
    /// <exception cref="FetchException">Refused URL, HTTP error (after retries where they apply), oversized body, redirect loop, open circuit, timeout.</exception>
    public async Task<HttpFetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        CheckAllowed(url);
        var pipeline = pipelines.GetOrAdd(url.Host, BuildPipeline);
        HttpFetchResult result;
        try
        {
            result = await pipeline.ExecuteAsync(
                async ct => await AttemptAsync(url, etag, lastModified, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new FetchException($"GET {url}: circuit open for host {url.Host} after repeated failures", null, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new FetchException($"GET {url}: timed out ({ex.Message})", null, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new FetchException($"GET {url}: {ex.Message} (after {options.MaxRetryAttempts} retries)", null, ex);
        }

        if (!result.IsSuccess && !result.NotModified)
            throw new FetchException($"GET {url}: HTTP {result.StatusCode}", result.StatusCode);
        return result;
    }

    private void CheckAllowed(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new FetchException($"refused '{url}': only http and https URLs are fetched");
        if (!options.AllowedHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            throw new FetchException($"refused '{url}': host '{url.Host}' is not on the allow-list ({string.Join(", ", options.AllowedHosts)})");
    }

    private ResiliencePipeline<HttpFetchResult> BuildPipeline(string host) =>
        new ResiliencePipelineBuilder<HttpFetchResult> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpFetchResult>
            {
                ShouldHandle = new PredicateBuilder<HttpFetchResult>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is 408 or 429 or >= 500),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                Randomizer = options.JitterRandomizer ?? Random.Shared.NextDouble,
                DelayGenerator = args =>
                {
                    var retryAfter = args.Outcome.Result?.RetryAfter;
                    return new ValueTask<TimeSpan?>(retryAfter is { } ra ? TimeSpan.FromTicks(Math.Min(ra.Ticks, options.RetryMaxDelay.Ticks)) : null);
                },
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? $"HTTP {args.Outcome.Result?.StatusCode}";
                    options.Progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"http: {host}: attempt {args.AttemptNumber + 1} of {options.MaxRetryAttempts + 1} failed ({reason}); retrying in {args.RetryDelay.TotalSeconds:0.#} s"));
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpFetchResult>
            {
                ShouldHandle = new PredicateBuilder<HttpFetchResult>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is 408 or 429 or >= 500),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    private async ValueTask<HttpFetchResult> AttemptAsync(Uri url, string? etag, string? lastModified, CancellationToken ct)
    {
        var current = url;
        var seen = new HashSet<string>(StringComparer.Ordinal) { current.AbsoluteUri };
        for (var hop = 0; ; hop++)
        {
            await politeness.WaitTurnAsync(current.Host, ct).ConfigureAwait(false);
            Interlocked.Increment(ref attempts);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.ParseAdd(options.UserAgent);
            if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
                request.Headers.IfNoneMatch.Add(tag);
            if (lastModified is not null && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
                request.Headers.IfModifiedSince = since;

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var headers = Flatten(response);
            if (status is >= 300 and < 400 and not 304 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (hop + 1 > options.MaxRedirects || !seen.Add(next.AbsoluteUri))
                    throw new FetchException($"GET {url}: redirect loop or more than {options.MaxRedirects} redirects (last to {next})", status);
                CheckAllowed(next);
                current = next;
                continue;
            }

            if (status is < 200 or >= 300)
                return new HttpFetchResult(current, status, [], headers, RetryAfter(response));

            var body = await ReadBodyAsync(response, current, ct).ConfigureAwait(false);
            return new HttpFetchResult(current, status, body, headers, null);
        }
    }

    /// <summary>Reads the whole body, refusing more than the size cap and a body shorter than its Content-Length.</summary>
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri url, CancellationToken ct)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > options.MaxResponseBytes)
            throw new FetchException($"GET {url}: body of {declared} bytes exceeds the limit of {options.MaxResponseBytes}");
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream(declared is > 0 and < int.MaxValue ? (int)declared : 64 * 1024);
        var chunk = new byte[81920];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
            }
            catch (IOException ex) when (!ct.IsCancellationRequested)
            {
                throw new TruncatedBodyException($"GET {url}: body ended after {buffer.Length} of {declared?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes ({ex.Message})", ex);
            }

            if (read == 0)
                break;
            if (buffer.Length + read > options.MaxResponseBytes)
                throw new FetchException($"GET {url}: body exceeds the limit of {options.MaxResponseBytes} bytes");
            buffer.Write(chunk, 0, read);
        }

        if (declared is { } length && buffer.Length != length)
            throw new TruncatedBodyException($"GET {url}: body ended after {buffer.Length} of {length} bytes");
        return buffer.ToArray();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var ra = response.Headers.RetryAfter;
        if (ra?.Delta is { } delta)
            return delta;
        if (ra?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static Dictionary<string, string> Flatten(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in response.Headers)
            headers[h.Key] = string.Join(", ", h.Value);
        foreach (var h in response.Content.Headers)
            headers[h.Key] = string.Join(", ", h.Value);
        return headers;
    }
}
