namespace Warehouse.Etl.Normalizing;

/// <summary>A table that does not match its profile (unknown labels, no unit, no year, bad cells); the message says where.</summary>
public sealed class ProfileException : Exception
{
    public ProfileException(string message)
        : base(message)
    {
    }

    public ProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProfileException()
    {
    }
}
