namespace Warehouse.Etl.Sources;

/// <summary>How the HTTP fetcher retries, times out, limits and protects itself. Every value has a safe default.</summary>
public sealed class HttpFetchOptions
{
    /// <summary>Hosts that may be contacted (exact, case-insensitive); any other host is refused before a request is sent.</summary>
    /// <value>The default value is an empty list: nothing may be fetched until hosts are allowed.</value>
    public IReadOnlyCollection<string> AllowedHosts { get; init; } = [];

    /// <summary>Retries after the first attempt, on 5xx, 408, 429, connection errors, truncated bodies and attempt timeouts.</summary>
    /// <value>The default value is 4.</value>
    public int MaxRetryAttempts { get; init; } = HttpFetchDefaults.MaxRetryAttempts;

    /// <summary>First retry delay; doubles per retry (exponential backoff with jitter).</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; init; } = HttpFetchDefaults.RetryBaseDelay;

    /// <summary>Upper bound of one retry delay, including a server's <c>Retry-After</c>.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RetryMaxDelay { get; init; } = HttpFetchDefaults.RetryMaxDelay;

    /// <summary>Jitter source in [0, 1); fixed in tests so delays are deterministic. Null uses Polly's random jitter.</summary>
    /// <value>The default value is null.</value>
    public Func<double>? JitterRandomizer { get; init; }

    /// <summary>Time limit of one attempt (connect, headers and the whole body).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; init; } = HttpFetchDefaults.AttemptTimeout;

    /// <summary>Time limit of one fetch, all retries and delays included.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan TotalTimeout { get; init; } = HttpFetchDefaults.TotalTimeout;

    /// <summary>Largest body accepted; a larger one is refused (and never archived).</summary>
    /// <value>The default value is 64 MiB.</value>
    public long MaxResponseBytes { get; init; } = HttpFetchDefaults.MaxResponseBytes;

    /// <summary>Redirects followed per attempt; more (or a loop) is an error.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRedirects { get; init; } = HttpFetchDefaults.MaxRedirects;

    /// <summary>Requests per second per host (politeness towards statistical bureaus); 0 = no limit.</summary>
    /// <value>The default value is 2.</value>
    public double RequestsPerSecond { get; init; } = HttpFetchDefaults.RequestsPerSecond;

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens a host's circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double BreakerFailureRatio { get; init; } = HttpFetchDefaults.BreakerFailureRatio;

    /// <summary>Attempts needed within the sampling window before the breaker may open.</summary>
    /// <value>The default value is 6.</value>
    public int BreakerMinimumThroughput { get; init; } = HttpFetchDefaults.BreakerMinimumThroughput;

    /// <summary>Window over which the breaker counts failures.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan BreakerSamplingDuration { get; init; } = HttpFetchDefaults.BreakerSamplingDuration;

    /// <summary>How long an open circuit refuses requests to its host.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan BreakDuration { get; init; } = HttpFetchDefaults.BreakDuration;

    /// <summary>User-Agent sent with every request.</summary>
    /// <value>The default value is <c>warehouse-etl/1.0 (+statistical research)</c>.</value>
    public string UserAgent { get; init; } = HttpFetchDefaults.UserAgent;

    /// <summary>Where a person watching is told about each retry (host, attempt, reason, wait) and each politeness
    /// wait of at least <see cref="LongWait"/>; null = silent.</summary>
    /// <value>The default value is null.</value>
    public TextWriter? Progress { get; init; }

    /// <summary>A politeness wait this long or longer is announced on <see cref="Progress"/>.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan LongWait { get; init; } = HttpFetchDefaults.LongWait;
}

/// <summary>The defaults of <see cref="HttpFetchOptions"/>, written once (the options and pipelines.yml's politeness use them).</summary>
public static class HttpFetchDefaults
{
    public const int MaxRetryAttempts = 4;

    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(5);

    public const long MaxResponseBytes = 64L * 1024 * 1024;

    public const int MaxRedirects = 5;

    public const double RequestsPerSecond = 2;

    public const double BreakerFailureRatio = 0.5;

    public const int BreakerMinimumThroughput = 6;

    public static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(60);

    public const string UserAgent = "warehouse-etl/1.0 (+statistical research)";

    public static readonly TimeSpan LongWait = TimeSpan.FromSeconds(5);
}
