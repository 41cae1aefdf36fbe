using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>
/// The one way a verb speaks. What the verb was asked for (a table, CSV, JSON, the report text, a confirmation) goes
/// to <see cref="Output"/> (stdout) as it is, so it can be piped. Everything about the run — errors, warnings, progress
/// notes — goes to stderr, one line each, starting <c>warehouse &lt;verb&gt;: </c> (<see cref="Prefix"/>): a message that
/// holds several lines (pipelines.yml's collected problems, each <c>file:line:column: …</c>) gets the prefix on every line.
/// The writers are the invocation's (<see cref="ParseResult.InvocationConfiguration"/>), so tests capture both.
/// </summary>
internal sealed class VerbOutput(string verb, TextWriter output, TextWriter errors)
{
    /// <summary>The writers of <paramref name="parse"/>'s invocation; the verb is the command's path below the root
    /// (<c>demo serve</c>, <c>bench fuzz</c>).</summary>
    public static VerbOutput Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return new VerbOutput(string.Join(' ', names), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }

    /// <summary>The verb's name as it prefixes its lines, e.g. <c>export</c>.</summary>
    public string Verb => verb;

    /// <summary>stdout: the verb's result.</summary>
    public TextWriter Output => output;

    /// <summary>stderr, for components that write their own prefixed lines (the run log, fetch progress).</summary>
    public TextWriter Errors => errors;

    /// <summary><c>warehouse &lt;verb&gt;: </c></summary>
    public static string Prefix(string verb) => $"warehouse {verb}: ";

    /// <summary>Something stopped the verb (or a part of it): each line of <paramref name="message"/>, prefixed, on stderr.</summary>
    public void Error(string message) => WriteLines(message);

    /// <summary>Something the user should know that did not stop the verb.</summary>
    public void Warning(string message) => WriteLines($"warning: {message}");

    /// <summary>A progress note (what was written, a dry run's plan) on stderr, keeping stdout for results.</summary>
    public void Note(string message) => WriteLines(message);

    private void WriteLines(string message)
    {
        foreach (string line in message.Split('\n'))
            errors.WriteLine(Prefix(verb) + line.TrimEnd('\r'));
    }
}
