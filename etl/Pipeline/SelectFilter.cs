using Warehouse.Etl.Config;

namespace Warehouse.Etl.Pipeline;

/// <summary>Applies <c>--select</c> (<c>source</c> or <c>source.table_id</c>, comma-separated or repeated) to the
/// configured sources. Unknown names are an error, never a silent empty run.</summary>
public static class SelectFilter
{
    public static IReadOnlyList<(string Name, SourceSettings Source)> Apply(PipelinesFile config, IReadOnlyList<string>? select)
    {
        var tokens = (select ?? []).SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (tokens.Count == 0)
        {
            return config.Sources.Select(kv => (kv.Key, kv.Value)).ToList();
        }

        foreach (string token in tokens)
        {
            string sourceName = token.Split('.', 2)[0];
            if (!config.Sources.TryGetValue(sourceName, out var source))
            {
                throw new ConfigException($"--select {token}: no source '{sourceName}' in {config.SourcePath}; sources: {string.Join(", ", config.Sources.Keys)}");
            }

            if (token.Contains('.', StringComparison.Ordinal) && source.Tables.All(t => t.Id != token.Split('.', 2)[1]))
            {
                throw new ConfigException($"--select {token}: source '{sourceName}' has no table '{token.Split('.', 2)[1]}'; tables: {string.Join(", ", source.Tables.Select(t => t.Id))}");
            }
        }

        var result = new List<(string, SourceSettings)>();
        foreach (var (name, source) in config.Sources)
        {
            if (tokens.Contains(name))
            {
                result.Add((name, source));
                continue;
            }

            var tables = source.Tables.Where(t => tokens.Contains($"{name}.{t.Id}")).ToList();
            if (tables.Count > 0)
            {
                result.Add((name, new SourceSettings
                {
                    Kind = source.Kind,
                    Location = source.Location,
                    Editions = source.Editions,
                    Encoding = source.Encoding,
                    Politeness = source.Politeness,
                    Tables = tables,
                }));
            }
        }

        return result;
    }
}
