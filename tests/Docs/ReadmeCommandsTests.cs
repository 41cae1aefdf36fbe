using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Warehouse.Tests.Docs;

/// <summary>
/// Every command README.md shows runs as written against a fresh demo build (issue 13 item 1): the commands are
/// parsed out of the README itself — bash blocks, the verb table and inline code — so a command added there that
/// does not run fails this test. The sample outputs shown (the build's step lines, the validate error) match what
/// the program prints today.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Slow")]
public sealed partial class ReadmeCommandsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private string project = null!;
    private string buildOutput = null!;
    private string buildErrors = null!;

    private static string Readme => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    /// <summary>A fresh clone's view: pipelines.yml and the files the README's examples name, then the README's first command.</summary>
    [OneTimeSetUp]
    public async Task FreshDemoBuild()
    {
        project = Path.Combine(Path.GetTempPath(), "warehouse-readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(project);
        File.Copy(RepositoryPaths.PipelinesYml, Path.Combine(project, "pipelines.yml"));
        var grunfeld = Path.Combine(project, "tests", "Fixtures", "reference");
        Directory.CreateDirectory(grunfeld);
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "reference", "grunfeld.csv"), Path.Combine(grunfeld, "grunfeld.csv"));
        var (exit, stdout, stderr) = await RunAsync(["build"]);
        Assert.That(exit, Is.Zero, stderr);
        buildOutput = stdout;
        buildErrors = stderr;
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (project is not null && Directory.Exists(project)) Directory.Delete(project, recursive: true);
    }

    /// <summary>The commands the README shows, in order, as argument lists after <c>warehouse</c>.</summary>
    internal static IReadOnlyList<string> Commands(string readme)
    {
        var found = new List<string>();
        var blocks = CodeBlock().Matches(readme);
        foreach (Match block in blocks)
        {
            if (block.Groups["lang"].Value != "bash") continue;
            var text = block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (var raw in text.Split('\n'))
            {
                var line = Comment().Replace(raw, "").Trim();
                if (IsCommand(line)) found.Add(Normalise(line));
            }
        }
        var prose = CodeBlock().Replace(readme, "");
        foreach (Match span in InlineCode().Matches(prose))
        {
            var code = span.Groups[1].Value.Trim();
            // A bare verb in prose (`warehouse estimate`, `warehouse schedule`) names the verb; it is not an example.
            if (IsCommand(code) && !Placeholder().IsMatch(code) && Normalise(code).Contains(' ', StringComparison.Ordinal)) found.Add(Normalise(code));
        }
        return found.Distinct().ToList();
    }

    private static bool IsCommand(string line) => line.StartsWith("warehouse ", StringComparison.Ordinal) || line == "warehouse" ||
                                                  line.StartsWith("dotnet run --project etl -- ", StringComparison.Ordinal);

    private static string Normalise(string line) =>
        Whitespace().Replace(line.StartsWith("warehouse", StringComparison.Ordinal) ? line["warehouse".Length..] : line["dotnet run --project etl --".Length..], " ").Trim();

    [Test]
    public void The_readme_shows_the_commands_this_test_runs()
    {
        var commands = Commands(Readme);
        Assert.That(commands, Has.Count.GreaterThan(15));
        Assert.That(commands, Has.Some.StartsWith("estimate --view panel"), "the verb table's estimate example");
    }

    [TestCaseSource(nameof(ReadmeCommands))]
    public async Task Every_readme_command_runs_as_written(string command)
    {
        var args = ShellWords(command);
        var longRunning = (args is ["demo", "serve", ..]) || (args is ["docs", "serve", ..]) || (args is ["schedule", ..] && !args.Contains("--once"));
        if (longRunning)
        {
            await RunUntilItSpeaksAsync(args);
            return;
        }
        var (exit, stdout, stderr) = await RunAsync(args);
        Assert.That(exit, Is.Zero, $"warehouse {command}\n{stdout}\n{stderr}");
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    private static IEnumerable<TestCaseData> ReadmeCommands() =>
        Commands(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"))).Select(c => new TestCaseData(c).SetArgDisplayNames(c.Length > 60 ? c[..60] : c));

    [Test]
    public void Every_line_the_build_writes_to_stderr_is_its_own()
    {
        // Native libraries write to the process's stderr behind .NET's back (Skia's SVG canvas printed "Unsupported
        // path effect in addPaint." for each dashed line, with no newline); the build's own lines are log lines.
        var strays = buildErrors.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('[') && !l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("warehouse ", StringComparison.Ordinal)).ToList();
        Assert.That(strays, Is.Empty, "lines that are not log lines (or their indented continuations)");
        Assert.That(buildErrors, Does.Not.Contain("Unsupported path effect"));
    }

    [Test]
    public void The_sample_build_output_matches_what_build_prints()
    {
        var sample = Readme[Readme.IndexOf("generates the demo mirror, then", StringComparison.Ordinal)..];
        sample = CodeBlock().Match(sample).Groups["body"].Value;
        var actual = buildOutput.Split('\n').Select(l => Seconds().Replace(l.TrimEnd(), "")).ToList();
        foreach (var line in sample.Split('\n').Where(l => l.StartsWith("succeeded", StringComparison.Ordinal)))
            Assert.That(actual, Has.Member(Seconds().Replace(line.TrimEnd(), "")), "README sample line: " + line);
        var summary = sample.Split('\n').Single(l => l.StartsWith("build ", StringComparison.Ordinal));
        Assert.That(buildOutput, Does.Match(Regex.Escape(RunId().Replace(summary, "RUNID")).Replace("RUNID", @"\d{8}T\d{6}Z-[0-9a-f]{4}", StringComparison.Ordinal)));
    }

    [Test]
    public async Task The_sample_validate_error_matches_what_validate_prints()
    {
        var expected = Readme[Readme.IndexOf("$ warehouse validate", StringComparison.Ordinal)..].Split('\n')[1].Trim();
        var yml = File.ReadAllText(Path.Combine(project, "pipelines.yml"));
        var typo = Path.Combine(project, "typo", "pipelines.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(typo)!);
        var at = yml.IndexOf("    schedule:", StringComparison.Ordinal);
        File.WriteAllText(typo, yml[..at] + "    shedule:" + yml[(at + "    schedule:".Length)..]);
        var (exit, stdout, stderr) = await RunAsync(["validate"], Path.GetDirectoryName(typo));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That((stdout + stderr).Split('\n').Select(l => l.Trim()), Has.Member(expected));
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyList<string> args, string? cwd = null)
    {
        using var child = Start(args, cwd);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"warehouse {string.Join(' ', args)} did not finish in {Patience}");
        }
        return (child.ExitCode, await stdout, await stderr);
    }

    /// <summary><c>demo serve</c>, <c>docs serve</c> and <c>schedule</c> stay up until stopped: they pass when they start and say so.</summary>
    private async Task RunUntilItSpeaksAsync(string[] args)
    {
        if (args is [_, "serve", ..] && Array.IndexOf(args, "--port") is var at and >= 0 && at + 1 < args.Length &&
            int.TryParse(args[at + 1], out var port) && port > 0 && !PortFree(port))
        {
            args = args.Select((a, i) => i == at + 1 ? "0" : a).ToArray(); // another program holds that port on this machine
        }

        using var child = Start(args, null);
        using var timeout = new CancellationTokenSource(Patience);
        var first = await child.StandardOutput.ReadLineAsync(timeout.Token);
        var exited = child.HasExited;
        if (!exited) child.Kill(entireProcessTree: true);
        Assert.That(exited, Is.False, $"warehouse {string.Join(' ', args)} stopped: {first} {await child.StandardError.ReadToEndAsync()}");
        Assert.That(first, Is.Not.Null.And.Not.Empty);
    }

    private Process Start(IReadOnlyList<string> args, string? cwd)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = cwd ?? project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "warehouse.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    private static bool PortFree(int port)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>POSIX shell words: single and double quotes group, quotes are removed.</summary>
    internal static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var ch in line)
        {
            if (quote is { } q)
            {
                if (ch == q) quote = null;
                else current.Append(ch);
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
                inWord = true;
            }
            else if (char.IsWhiteSpace(ch))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(ch);
                inWord = true;
            }
        }
        if (inWord) words.Add(current.ToString());
        return [.. words];
    }

    [GeneratedRegex(@"```(?<lang>\w*)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();

    /// <summary>A template, not a command: <c>&lt;verb&gt;</c>, <c>…</c>, <c>[--opt]</c>, <c>a|b</c>, or an upper-case stand-in (SQL, DIR, N).</summary>
    [GeneratedRegex(@"[<…\[|]|\b[A-Z]{1,4}\b")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+\d+\.\d+s$")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"\d{8}T\d{6}Z-[0-9a-f]{4}")]
    private static partial Regex RunId();
}
