using Sanlock.Cli.Common;

namespace Sanlock.Cli.Direct;

/// <summary>The options and -Z/-A sizes every <c>direct</c> action starts with; a mistake is printed on stdout, as the
/// real CLI does, and the action exits 1.</summary>
internal static class DirectArguments
{
    public static bool TryParse(
        ReadOnlySpan<string> args, bool takesPositional, CliOutput output, out CliOptions options, out DirectSizes sizes)
    {
        sizes = default;
        var parsed = CliOptions.Parse(args, takesPositional, DirectCommand.KnownLetters, out var parseError);
        if (parsed is null)
        {
            output.Out.WriteLine(parseError);
            options = null!;
            return false;
        }
        options = parsed;
        sizes = DirectSizes.FromOptions(options, out var sizeError);
        if (sizeError is not null)
        {
            output.Out.WriteLine(sizeError);
            return false;
        }
        return true;
    }
}
