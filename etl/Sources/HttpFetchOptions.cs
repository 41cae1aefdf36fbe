namespace Warehouse.Etl.Sources;

/// <summary>How the HTTP fetcher retries, times out, limits and protects itself. Every value has a safe default.</summary>
public sealed class HttpFetchOptions
{
    /// <summary>Hosts that may be contacted (exact, case-insensitive); any other host is refused before a request is sent.</summary>
    /// <value>The default value is an empty list: nothing may be fetched until hosts are allowed.</value>
    public IReadOnlyCollection<string> AllowedHosts { get; init; } = [];

    /// <summary>Retries after the first attempt, on 5xx, 408, 429, connection errors, truncated bodies and attempt timeouts.</summary>
    /// <value>The default value is 4.</value>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First retry delay; doubles per retry (exponential backoff with jitter).</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one retry delay, including a server's <c>Retry-After</c>.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Jitter source in [0, 1); fixed in tests so delays are deterministic. Null uses Polly's random jitter.</summary>
    /// <value>The default value is null.</value>
    public Func<double>? JitterRandomizer { get; init; }

    /// <summary>Time limit of one attempt (connect, headers and the whole body).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one fetch, all retries and delays included.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest body accepted; a larger one is refused (and never archived).</summary>
    /// <value>The default value is 64 MiB.</value>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Redirects followed per attempt; more (or a loop) is an error.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Requests per second per host (politeness towards statistical bureaus); 0 = no limit.</summary>
    /// <value>The default value is 2.</value>
    public double RequestsPerSecond { get; init; } = 2;

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens a host's circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the breaker may open.</summary>
    /// <value>The default value is 6.</value>
    public int BreakerMinimumThroughput { get; init; } = 6;

    /// <summary>Window over which the breaker counts failures.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit refuses requests to its host.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>User-Agent sent with every request.</summary>
    /// <value>The default value is <c>warehouse-etl/1.0 (+statistical research)</c>.</value>
    public string UserAgent { get; init; } = "warehouse-etl/1.0 (+statistical research)";

    /// <summary>Where a person watching is told about each retry (host, attempt, reason, wait) and each politeness
    /// wait of at least <see cref="LongWait"/>; null = silent.</summary>
    /// <value>The default value is null.</value>
    public TextWriter? Progress { get; init; }

    /// <summary>A politeness wait this long or longer is announced on <see cref="Progress"/>.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan LongWait { get; init; } = TimeSpan.FromSeconds(5);
}
