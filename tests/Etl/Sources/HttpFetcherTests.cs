using System.Text;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Sources;

namespace Warehouse.Tests.Etl.Sources;

/// <summary>
/// Faults injected by a loopback server; time is a FakeTimeProvider driven by <see cref="FakeClock"/>, so retries,
/// Retry-After and timeouts of many seconds pass without sleeping.
/// </summary>
[TestFixture]
public sealed class HttpFetcherTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private FakeTimeProvider time = null!;
    private LoopbackServer server = null!;
    private HttpClient client = null!;
    private string archiveRoot = null!;

    [SetUp]
    public void SetUp()
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        server = new LoopbackServer(time);
        client = HttpFetcher.CreateClient();
        archiveRoot = TestPaths.TempFolder();
    }

    [TearDown]
    public async Task TearDown()
    {
        client.Dispose();
        await server.DisposeAsync();
        Directory.Delete(archiveRoot, recursive: true);
    }

    [Test]
    public async Task Server_errors_are_retried_until_success()
    {
        server.Script("/t.htm", Reply.WithStatus(500), Reply.WithStatus(503), Reply.Ok("<p>ok</p>"));
        var result = await Fetch("/t.htm");
        Assert.That(result.StatusCode, Is.EqualTo(200));
        Assert.That(Encoding.UTF8.GetString(result.Bytes), Is.EqualTo("<p>ok</p>"));
        Assert.That(server.CountFor("/t.htm"), Is.EqualTo(3));
        var times = server.Requests.Select(r => r.At).ToArray();
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "exponential backoff waits before retrying");
    }

    [Test]
    public async Task Retries_and_long_politeness_waits_print_a_line_with_host_attempt_and_wait()
    {
        server.Script("/t.htm", Reply.WithStatus(503), Reply.Ok("<p>ok</p>"));
        server.Script("/u.htm", Reply.Ok("<p>ok</p>"));
        using var progress = new StringWriter();
        var options = new HttpFetchOptions { AllowedHosts = ["127.0.0.1"], RequestsPerSecond = 0.1, JitterRandomizer = () => 0.5, Progress = progress };
        var fetcher = new HttpFetcher(client, options, time);
        await FakeClock.DriveAsync(fetcher.FetchAsync(server.Url("/t.htm"), null, null, CancellationToken.None), time);
        await FakeClock.DriveAsync(fetcher.FetchAsync(server.Url("/u.htm"), null, null, CancellationToken.None), time);
        var lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Match(@"^http: 127\.0\.0\.1: attempt 1 of 5 failed \(HTTP 503\); retrying in \d+(\.\d)? s"));
            Assert.That(lines, Has.Some.Match(@"^http: 127\.0\.0\.1: waiting \d+(\.\d)? s before the next request \(politeness: 0\.1 requests per second\)"));
        });
    }

    [Test]
    public async Task Too_many_requests_honours_retry_after()
    {
        server.Script("/t.htm", Reply.WithStatus(429, ("Retry-After", "7")), Reply.Ok("fine"));
        var result = await Fetch("/t.htm");
        Assert.That(result.IsSuccess, Is.True);
        var times = server.Requests.Select(r => r.At).ToArray();
        Assert.That(times[1] - times[0], Is.InRange(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8)));
    }

    [Test]
    public void The_total_timeout_bounds_all_retries_together()
    {
        server.Script("/flaky.htm", Reply.WithStatus(503, ("Retry-After", "20")));
        var options = new HttpFetchOptions
        {
            AllowedHosts = ["127.0.0.1"], MaxRetryAttempts = 10, TotalTimeout = TimeSpan.FromSeconds(50), RetryMaxDelay = TimeSpan.FromSeconds(30),
            BreakerMinimumThroughput = 100, RequestsPerSecond = 0, JitterRandomizer = () => 0.5,
        };
        var ex = Assert.ThrowsAsync<FetchException>(() => Fetch("/flaky.htm", options));
        Assert.That(ex!.Message, Does.Contain("timed out"));
        Assert.That(server.CountFor("/flaky.htm"), Is.EqualTo(3), "attempts at 0 s, 20 s and 40 s; the 60 s one is past the 50 s budget");
    }

    [Test]
    public void Not_found_is_not_retried()
    {
        server.Script("/missing.htm", Reply.WithStatus(404));
        var ex = Assert.ThrowsAsync<FetchException>(() => Fetch("/missing.htm"));
        Assert.That(ex!.StatusCode, Is.EqualTo(404));
        Assert.That(server.CountFor("/missing.htm"), Is.EqualTo(1));
    }

    [Test]
    public void Forbidden_is_not_retried()
    {
        server.Script("/secret.htm", Reply.WithStatus(403));
        Assert.ThrowsAsync<FetchException>(() => Fetch("/secret.htm"));
        Assert.That(server.CountFor("/secret.htm"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_hang_past_the_attempt_timeout_is_retried()
    {
        server.Script("/slow.htm", new Reply(200, [], Fault: Fault.Hang), Reply.Ok("late but fine"));
        var result = await Fetch("/slow.htm", new HttpFetchOptions { AllowedHosts = ["127.0.0.1"], AttemptTimeout = TimeSpan.FromSeconds(10), RequestsPerSecond = 0, JitterRandomizer = () => 0.5 });
        Assert.That(Encoding.UTF8.GetString(result.Bytes), Is.EqualTo("late but fine"));
        var times = server.Requests.Select(r => r.At).ToArray();
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(10)), "the second attempt starts after the first timed out");
    }

    [Test]
    public void A_slow_drip_is_cut_by_the_attempt_timeout_and_nothing_is_archived()
    {
        server.Script("/drip.htm", new Reply(200, new byte[200], Fault: Fault.Drip));
        var options = new HttpFetchOptions { AllowedHosts = ["127.0.0.1"], AttemptTimeout = TimeSpan.FromSeconds(20), MaxRetryAttempts = 1, RequestsPerSecond = 0, JitterRandomizer = () => 0.5 };
        var ex = Assert.ThrowsAsync<FetchException>(() => FetchThroughSource("/drip.htm", options));
        Assert.That(ex!.Message, Does.Contain("timed out"));
        Assert.That(server.CountFor("/drip.htm"), Is.EqualTo(2));
        AssertNothingArchived();
    }

    [Test]
    public void A_truncated_body_is_retried_and_never_archived()
    {
        server.Script("/cut.htm", new Reply(200, Encoding.UTF8.GetBytes("<table>half"), Fault: Fault.Truncate));
        var ex = Assert.ThrowsAsync<FetchException>(() => FetchThroughSource("/cut.htm"));
        Assert.That(ex!.Message, Does.Contain("/cut.htm"));
        Assert.That(server.CountFor("/cut.htm"), Is.EqualTo(5), "1 attempt + 4 retries");
        AssertNothingArchived();
    }

    [Test]
    public async Task A_truncated_body_then_a_complete_one_archives_only_the_complete_bytes()
    {
        server.Script("/cut.htm", new Reply(200, Encoding.UTF8.GetBytes("<table>half"), Fault: Fault.Truncate), Reply.Ok("<table>whole</table>"));
        var document = await FetchThroughSource("/cut.htm");
        Assert.That(Encoding.UTF8.GetString(document.Bytes), Is.EqualTo("<table>whole</table>"));
        var objects = Directory.GetFiles(Path.Combine(archiveRoot, "objects"), "*.bin", SearchOption.AllDirectories);
        Assert.That(objects, Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(objects[0]), Is.EqualTo("<table>whole</table>"));
    }

    [Test]
    public void An_oversized_body_is_refused_whether_declared_or_streamed()
    {
        server.Script("/big.htm", Reply.Ok(new string('x', 5000)));
        server.Script("/big-chunked.htm", new Reply(200, new byte[5000], Chunked: true));
        var options = new HttpFetchOptions { AllowedHosts = ["127.0.0.1"], MaxResponseBytes = 1000, RequestsPerSecond = 0 };
        Assert.That(() => FetchThroughSource("/big.htm", options), Throws.TypeOf<FetchException>().With.Message.Contains("exceeds the limit"));
        Assert.That(() => FetchThroughSource("/big-chunked.htm", options), Throws.TypeOf<FetchException>().With.Message.Contains("exceeds the limit"));
        Assert.That(server.CountFor("/big.htm"), Is.EqualTo(1), "an oversized body is not retried");
        AssertNothingArchived();
    }

    [Test]
    public void A_redirect_loop_is_an_error()
    {
        server.Script("/a", Reply.WithStatus(302, ("Location", "/b")));
        server.Script("/b", Reply.WithStatus(302, ("Location", "/a")));
        Assert.That(() => Fetch("/a"), Throws.TypeOf<FetchException>().With.Message.Contains("redirect"));
        Assert.That(server.CountFor("/a"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_redirect_within_the_allow_list_is_followed()
    {
        server.Script("/old.htm", Reply.WithStatus(301, ("Location", "/new.htm")));
        server.Script("/new.htm", Reply.Ok("moved"));
        var result = await Fetch("/old.htm");
        Assert.That(result.Url.AbsolutePath, Is.EqualTo("/new.htm"));
    }

    [Test]
    public void A_redirect_to_a_host_off_the_allow_list_is_refused()
    {
        server.Script("/away", Reply.WithStatus(302, ("Location", "http://example.invalid/x")));
        Assert.That(() => Fetch("/away"), Throws.TypeOf<FetchException>().With.Message.Contains("example.invalid"));
    }

    [Test]
    public void A_host_not_on_the_allow_list_is_refused_before_any_request()
    {
        var options = new HttpFetchOptions { AllowedHosts = ["stats.example"], RequestsPerSecond = 0 };
        var fetcher = new HttpFetcher(client, options, time);
        Assert.That(() => fetcher.FetchAsync(server.Url("/t.htm"), null, null, CancellationToken.None),
            Throws.TypeOf<FetchException>().With.Message.Contains("allow-list"));
        Assert.That(() => fetcher.FetchAsync(new Uri("ftp://stats.example/t.htm"), null, null, CancellationToken.None),
            Throws.TypeOf<FetchException>().With.Message.Contains("only http and https"));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task The_circuit_opens_for_a_failing_host()
    {
        server.Script("/down.htm", Reply.WithStatus(500));
        var options = new HttpFetchOptions
        {
            AllowedHosts = ["127.0.0.1"], MaxRetryAttempts = 2, BreakerMinimumThroughput = 4, BreakerFailureRatio = 0.5,
            BreakDuration = TimeSpan.FromMinutes(10), RequestsPerSecond = 0, JitterRandomizer = () => 0.5,
        };
        var fetcher = new HttpFetcher(client, options, time);
        Assert.ThrowsAsync<FetchException>(() => FakeClock.DriveAsync(fetcher.FetchAsync(server.Url("/down.htm"), null, null, CancellationToken.None), time));
        Assert.ThrowsAsync<FetchException>(() => FakeClock.DriveAsync(fetcher.FetchAsync(server.Url("/down.htm"), null, null, CancellationToken.None), time));
        var before = server.CountFor("/down.htm");
        var ex = Assert.ThrowsAsync<FetchException>(() => FakeClock.DriveAsync(fetcher.FetchAsync(server.Url("/down.htm"), null, null, CancellationToken.None), time));
        Assert.That(ex!.Message, Does.Contain("circuit open"));
        Assert.That(server.CountFor("/down.htm"), Is.EqualTo(before), "an open circuit sends nothing");
        await Task.CompletedTask;
    }

    [Test]
    public async Task Unchanged_pages_are_not_downloaded_again()
    {
        server.Script("/t.htm", new Reply(200, Encoding.UTF8.GetBytes("v1"), new Dictionary<string, string> { ["ETag"] = "\"v1\"", ["Content-Type"] = "text/html" }), Reply.WithStatus(304));
        var first = await FetchThroughSource("/t.htm");
        var second = await FetchThroughSource("/t.htm");
        Assert.That(first.Unchanged, Is.False);
        Assert.That(second.Unchanged, Is.True);
        Assert.That(Encoding.UTF8.GetString(second.Bytes), Is.EqualTo("v1"), "304 reuses the archived bytes");
        Assert.That(server.Requests.Last().Headers["If-None-Match"], Is.EqualTo("\"v1\""));
    }

    [Test]
    public async Task Requests_to_one_host_are_spaced_by_the_politeness_rate()
    {
        server.Script("/p.htm", Reply.Ok("x"));
        var fetcher = new HttpFetcher(client, new HttpFetchOptions { AllowedHosts = ["127.0.0.1"], RequestsPerSecond = 0.5 }, time);
        for (var i = 0; i < 3; i++)
            await FakeClock.DriveAsync(fetcher.FetchAsync(server.Url("/p.htm"), null, null, CancellationToken.None), time);
        // Arrival times carry up to one clock step of I/O jitter (the clock moves while bytes travel).
        var times = server.Requests.Select(r => r.At).ToArray();
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2) - Step));
        Assert.That(times[2] - times[1], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2) - Step));
    }

    [Test]
    public async Task Without_a_politeness_rate_requests_are_not_spaced()
    {
        server.Script("/p.htm", Reply.Ok("x"));
        var fetcher = new HttpFetcher(client, new HttpFetchOptions { AllowedHosts = ["127.0.0.1"], RequestsPerSecond = 0 }, time);
        for (var i = 0; i < 3; i++)
            await FakeClock.DriveAsync(fetcher.FetchAsync(server.Url("/p.htm"), null, null, CancellationToken.None), time);
        var times = server.Requests.Select(r => r.At).ToArray();
        Assert.That(times[2] - times[0], Is.LessThan(TimeSpan.FromSeconds(1.75)));
    }

    [Test]
    public async Task A_wrong_declared_charset_is_recorded_and_the_bytes_decoded_correctly()
    {
        var gb = Warehouse.Etl.Parsing.CharsetDetector.Resolve("gb18030").GetBytes("<table><tr><td>地区</td><td>合计</td></tr><tr><td>陕西</td><td>5</td></tr></table>");
        server.Script("/t.htm", Reply.Ok(gb, "text/html; charset=utf-8"));
        var document = await FetchThroughSource("/t.htm");
        Assert.That(document.HeaderCharset, Is.EqualTo("utf-8"));
        var parsed = Warehouse.Etl.Parsing.TableReader.Read(document.Bytes, document.Location, null, document.HeaderCharset);
        Assert.That(parsed.DetectedCharset, Is.EqualTo("gb18030"));
        Assert.That(parsed.Tables[0].Rows[0].Label, Is.EqualTo("陕西"));
    }

    private Task<HttpFetchResult> Fetch(string path, HttpFetchOptions? options = null)
    {
        var fetcher = new HttpFetcher(client, options ?? Options(), time);
        return FakeClock.DriveAsync(fetcher.FetchAsync(server.Url(path), null, null, CancellationToken.None), time);
    }

    private Task<FetchedDocument> FetchThroughSource(string path, HttpFetchOptions? options = null)
    {
        var source = new HttpSource(new HttpFetcher(client, options ?? Options(), time), server.BaseUrl, new RawArchive(archiveRoot, time), fullRefresh: false);
        return FakeClock.DriveAsync(source.GetAsync(new SourceEntry(path.TrimStart('/'), server.BaseUrl + path), CancellationToken.None), time);
    }

    private static HttpFetchOptions Options() => new() { AllowedHosts = ["127.0.0.1"], RequestsPerSecond = 0, JitterRandomizer = () => 0.5 };

    private void AssertNothingArchived()
    {
        var objects = Path.Combine(archiveRoot, "objects");
        Assert.That(Directory.Exists(objects) ? Directory.GetFiles(objects, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }
}
