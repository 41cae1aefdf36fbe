namespace Warehouse.Etl.Config;

/// <summary>pipelines.yml is unreadable or invalid. The message starts with <c>file:line:column:</c> and names the key.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConfigException()
    {
    }
}
