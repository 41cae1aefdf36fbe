using System.CommandLine;
using System.Globalization;

namespace Warehouse.Etl.Cli;

/// <summary>Range checks on numeric options, so a bad value is a one-line usage error (exit 2) before anything runs.</summary>
internal static class OptionRules
{
    /// <summary>Refuses a value below <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < minimum)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {minimum}; got {value}"));
        });
        return option;
    }
}
