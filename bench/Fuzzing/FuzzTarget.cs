namespace Warehouse.Bench.Fuzzing;

/// <summary>One reader under fuzzing: which seed files it takes, how it reads bytes, and which errors are clean.</summary>
/// <param name="Name">html, xls, xlsx, nbs-csv or pipelines-yml.</param>
/// <param name="Extension">File extension of its inputs (<c>.htm</c>, <c>.xlsx</c>, …), for seed selection and kept files.</param>
/// <param name="Read">Reads one input; returns normally for a result, throws for an error.</param>
/// <param name="IsCleanError">True for the errors the reader is allowed to answer with (one line naming the fault).</param>
public sealed record FuzzTarget(string Name, string Extension, Action<byte[]> Read, Func<Exception, bool> IsCleanError);

/// <summary>An input whose outcome was neither a result nor a clean error (or that ran past its time budget).</summary>
/// <param name="Target">Reader name.</param>
/// <param name="Mutation">What was done to the seed.</param>
/// <param name="Problem">The exception type and message, or "ran past N s".</param>
/// <param name="KeptAs">Where the input was written, if a folder to keep it was given.</param>
public sealed record FuzzFailure(string Target, string Mutation, string Problem, string? KeptAs);

/// <summary>How one target fared: inputs run, results, clean errors, failures.</summary>
public sealed record FuzzTally(string Target, int Inputs, int Results, int CleanErrors, IReadOnlyList<FuzzFailure> Failures);
