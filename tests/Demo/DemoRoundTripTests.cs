using Microsoft.Extensions.Time.Testing;
using Warehouse.Demo;
using Warehouse.Demo.Serving;
using Warehouse.Demo.Tables;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Staging;

namespace Warehouse.Tests.Demo;

/// <summary>
/// The acceptance round trip over the whole corpus: generator values → files → the extractor with the sources,
/// tables and profiles of the repository's pipelines.yml → observations equal to the values. Then the same
/// mirror crawled over HTTP gives the same observations as reading it from disk.
/// </summary>
[TestFixture]
public sealed class DemoRoundTripTests
{
    private static readonly Dictionary<string, string> SourceFolders = new(StringComparer.Ordinal)
    {
        ["labour_yearbook"] = "labour",
        ["hightech_yearbook"] = "hightech",
        ["nbs_provincial"] = "nbs",
    };

    private string archive = null!;
    private List<TableExtraction> fromDisk = [];

    /// <summary>One extraction of the whole mirror from disk, shared by both tests (it is the slow part).</summary>
    [OneTimeSetUp]
    public async Task ExtractFromDisk()
    {
        archive = TempFolder.Create("demo-raw");
        fromDisk = await ExtractAll((name, source) =>
            source with { Kind = SourceKind.Demo, Location = DemoMirrorFixture.PathOf(SourceFolders[name]) });
    }

    [OneTimeTearDown]
    public void Clean() => TempFolder.Delete(archive);

    [Test]
    public void Every_file_extracts_without_error_to_exactly_the_generator_values() => AssertEqualsGeneratorValues(fromDisk);

    [Test]
    public async Task Crawling_the_mirror_over_http_gives_what_reading_it_from_disk_gives()
    {
        await using var server = DemoHttpServer.Start(DemoMirrorFixture.Root);
        var overHttp = await ExtractAll((name, source) => source with
        {
            Kind = SourceKind.Http,
            Location = new Uri(server.BaseAddress, SourceFolders[name] + "/").ToString().TrimEnd('/'),
            Politeness = new PolitenessSettings { RequestsPerSecond = 1000, AllowedHosts = ["127.0.0.1"] },
        }, TimeProvider.System);

        Assert.That(overHttp.Where(e => !e.Succeeded).Select(e => $"{e.Location}: {e.Error}"), Is.Empty);
        Assert.That(Keyed(overHttp.SelectMany(e => e.Observations)), Is.EquivalentTo(Keyed(fromDisk.SelectMany(e => e.Observations))));
    }

    private async Task<List<TableExtraction>> ExtractAll(
        Func<string, SourceSettings, SourceSettings> point, TimeProvider? time = null)
    {
        var config = ConfigLoader.Load(RepositoryPaths.PipelinesYml);
        var extractor = new SourceExtractor(archive, time ?? new FakeTimeProvider(new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero)));
        var all = new List<TableExtraction>();
        foreach (var (name, source) in config.Sources)
        {
            Assert.That(SourceFolders.ContainsKey(name), Is.True, $"pipelines.yml source '{name}' is not part of the demo mirror");
            all.AddRange(await extractor.ExtractAsync(name, point(name, source), new ExtractRequest(null, Offline: false, FullRefresh: true), CancellationToken.None));
        }

        return all;
    }

    private static void AssertEqualsGeneratorValues(IReadOnlyList<TableExtraction> extractions)
    {
        var failed = extractions.Where(e => !e.Succeeded).Select(e => $"{e.Location}: {e.Error}").ToList();
        Assert.That(failed, Is.Empty, "every file of the mirror extracts without error");
        Assert.That(extractions, Has.Count.EqualTo(14 + 14 * 2 + 11), "one extraction per table and edition");

        var expected = DemoCorpus.Values().ToDictionary(Key);
        var actual = new Dictionary<string, Observation>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var o in extractions.SelectMany(e => e.Observations))
        {
            if (!actual.TryAdd(Key(o), o))
            {
                duplicates.Add(Key(o));
            }
        }

        var missing = expected.Keys.Except(actual.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).ToList();
        var wrong = expected.Keys.Intersect(actual.Keys)
            .Where(k => !SameValue(expected[k].Value, actual[k].Value) || expected[k].Unit != actual[k].Unit)
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}: expected {expected[k].Value} {expected[k].Unit}, got {actual[k].Value} {actual[k].Unit} at {actual[k].Cell}")
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(duplicates.Take(20), Is.Empty, $"{duplicates.Count} duplicate observations");
            Assert.That(missing.Take(20), Is.Empty, $"{missing.Count} generator values not extracted");
            Assert.That(extra.Take(20), Is.Empty, $"{extra.Count} extracted observations the generator never printed");
            Assert.That(wrong.Take(20), Is.Empty, $"{wrong.Count} values or units differ");
        });
    }

    /// <summary>Equal as printed numbers: a unit conversion may differ from ours in the last bit, never more.</summary>
    private static bool SameValue(double? expected, double? actual) =>
        expected is null || actual is null
            ? expected is null && actual is null
            : Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value));

    private static string Key(DemoValue v) => $"{v.Source}|{v.Edition}|{v.TableId}|{v.ProvinceCode}|{v.Year}|{v.Indicator}|{v.Item}";

    private static string Key(Observation o) => $"{o.Source}|{o.Edition}|{o.TableId}|{o.ProvinceCode}|{o.Year}|{o.Indicator}|{o.Item}";

    private static IEnumerable<string> Keyed(IEnumerable<Observation> observations) =>
        observations.Select(o => $"{Key(o)}|{o.Value}|{o.Unit}|{o.RawUnit}|{o.RawSha256}|{o.Cell}");
}
