namespace Warehouse.Etl.Sources;

/// <summary>A fetch that failed for good: refused URL, HTTP error after retries, oversized body, redirect loop, open circuit.</summary>
public sealed class FetchException : Exception
{
    public FetchException(string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    public FetchException()
    {
    }

    public FetchException(string message)
        : base(message)
    {
    }

    public FetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The final HTTP status, when the server answered.</summary>
    public int? StatusCode { get; }
}

/// <summary>The body ended before its Content-Length: transient (retried), never archived.</summary>
public sealed class TruncatedBodyException : IOException
{
    public TruncatedBodyException(string message)
        : base(message)
    {
    }

    public TruncatedBodyException()
    {
    }

    public TruncatedBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
