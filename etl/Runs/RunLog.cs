using System.Text.Encodings.Web;
using System.Text.Json;
using Warehouse.Etl.Serialization;

namespace Warehouse.Etl.Runs;

/// <summary>The log of one run: JSON lines in <c>&lt;log_dir&gt;/&lt;run-id&gt;.jsonl</c> (the run id on every line,
/// so it joins to meta.run_step) and a plain copy on stderr, keeping stdout free for progress and results.</summary>
public sealed class RunLog : IDisposable
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TimeProvider timeProvider;
    private readonly TextWriter stderr;
    private readonly StreamWriter? file;
    private readonly Lock gate = new();
    private readonly bool infoOnStderr;

    /// <param name="runId">Written on every line.</param>
    /// <param name="logDir">Folder for the JSON-lines file; null writes stderr only (dry runs write nothing).</param>
    /// <param name="timeProvider">Clock of the <c>ts</c> field.</param>
    /// <param name="stderr">Where the plain copy goes.</param>
    /// <param name="infoOnStderr">False under live progress bars: info lines would tear the display, so only
    /// warnings and errors go to stderr then (the file still gets everything).</param>
    public RunLog(string runId, string? logDir, TimeProvider timeProvider, TextWriter stderr, bool infoOnStderr = true)
    {
        this.infoOnStderr = infoOnStderr;
        RunId = runId;
        this.timeProvider = timeProvider;
        this.stderr = stderr;
        if (logDir is not null)
        {
            Directory.CreateDirectory(logDir);
            FilePath = Path.Combine(logDir, $"{runId}.jsonl");
            file = new StreamWriter(new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        }
    }

    public string RunId { get; }

    /// <summary>The JSON-lines file, or null when the log goes to stderr only.</summary>
    public string? FilePath { get; }

    public void Info(string message, object? fields = null) => Write("info", message, fields);

    public void Warn(string message, object? fields = null) => Write("warn", message, fields);

    public void Error(string message, object? fields = null) => Write("error", message, fields);

    public void Dispose() => file?.Dispose();

    private void Write(string level, string message, object? fields)
    {
        var line = new Dictionary<string, object?>
        {
            ["ts"] = timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["level"] = level,
            ["run_id"] = RunId,
            ["msg"] = message,
        };
        if (fields is not null)
        {
            foreach (var (name, value) in JsonValueWriter.Properties(fields))
            {
                line[name] = value;
            }
        }

        lock (gate)
        {
            file?.WriteLine(JsonValueWriter.Serialize(line, Json));
            if (infoOnStderr || level != "info")
            {
                stderr.WriteLine($"[{RunId}] {level}: {message}");
            }
        }
    }
}
