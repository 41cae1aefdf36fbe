using System.Collections.Concurrent;

namespace Warehouse.Etl.Sources;

/// <summary>
/// Spaces requests to one host at least 1/<c>requestsPerSecond</c> apart, on the injected clock.
/// </summary>
/// <remarks>
/// Written here rather than with Polly.RateLimiting because System.Threading.RateLimiting replenishes tokens on the
/// real clock, which FakeTimeProvider cannot drive; this keeps politeness testable without sleeping.
/// </remarks>
public sealed class HostPoliteness(double requestsPerSecond, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> nextAllowed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Called with the host and the wait before every delayed request (the caller decides what is long).</summary>
    public Action<string, TimeSpan>? OnLongWait { get; init; }

    public async Task WaitTurnAsync(string host, CancellationToken cancellationToken)
    {
        if (requestsPerSecond <= 0)
            return;
        var gate = gates.GetOrAdd(host, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (nextAllowed.TryGetValue(host, out var next) && next > now)
            {
                OnLongWait?.Invoke(host, next - now);
                await Task.Delay(next - now, timeProvider, cancellationToken).ConfigureAwait(false);
                now = next;
            }

            nextAllowed[host] = now + TimeSpan.FromSeconds(1 / requestsPerSecond);
        }
        finally
        {
            gate.Release();
        }
    }
}
