namespace Sanlock.Cli.Common;

/// <summary>
/// The options after <c>sanlock COMMAND ACTION</c>, parsed the way the real CLI does: every option is a dash and
/// one letter, its value is the next argument (<c>-Z 4096</c>, never <c>-Z4096</c>), and <c>-D</c> alone takes no
/// value. A later repetition of a letter replaces the earlier value.
/// </summary>
internal sealed class CliOptions
{
    private readonly Dictionary<char, string> _values;

    private CliOptions(string? positional, Dictionary<char, string> values, bool debug)
    {
        Positional = positional;
        _values = values;
        Debug = debug;
    }

    /// <summary>The argument right after the action for actions that take one (<c>dump PATH…</c>), else null.</summary>
    public string? Positional { get; }

    /// <summary><c>-D</c>: debug output on stderr.</summary>
    public bool Debug { get; }

    public bool Has(char letter) => _values.ContainsKey(letter);

    public string? Get(char letter) => _values.TryGetValue(letter, out var value) ? value : null;

    /// <summary>
    /// Parses <paramref name="args"/> (everything after the action). Letters outside <paramref name="knownLetters"/>
    /// are refused. On a mistake returns null and sets <paramref name="error"/> to the real CLI's message lines.
    /// </summary>
    public static CliOptions? Parse(ReadOnlySpan<string> args, bool takesPositional, string knownLetters, out string? error)
    {
        error = null;
        string? positional = null;
        if (takesPositional && args.Length > 0)
        {
            positional = args[0];
            args = args[1..];
        }

        var values = new Dictionary<char, string>();
        var debug = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.Length != 2 || arg[0] != '-')
            {
                error = $"unknown option {arg}\nspace required before option value";
                return null;
            }

            var letter = arg[1];
            if (letter == 'D')
            {
                debug = true;
                continue;
            }
            if (i + 1 >= args.Length)
            {
                error = $"option '{letter}' requires arg";
                return null;
            }
            if (!knownLetters.Contains(letter, StringComparison.Ordinal))
            {
                error = $"unknown option: {letter}";
                return null;
            }
            values[letter] = args[++i];
        }
        return new CliOptions(positional, values, debug);
    }
}
