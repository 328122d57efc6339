using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.Cli.Client;

/// <summary>Parses <c>sanlock client</c> arguments with the real CLI's rules and messages (all on stdout):
/// <c>unknown option ARG</c> + <c>space required before option value</c> for an argument that is not <c>-X</c>;
/// <c>option 'X' requires arg</c> when the value is missing; <c>unknown option: X</c> for an unknown letter.</summary>
internal static class ClientOptionParser
{
    /// <summary>Letters the real CLI accepts (shared with daemon/direct options; unused ones are ignored).</summary>
    private const string KnownLetters = "abcdefghilmnoprstuwxzACDEGHLOPQRSUZ";

    public static ClientOptions? Parse(string action, IReadOnlyList<string> args, TextWriter output)
    {
        var options = new ClientOptions { Action = action };
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg.Length != 2 || arg[0] != '-')
            {
                output.WriteLine($"unknown option {arg}");
                output.WriteLine("space required before option value");
                return null;
            }
            char letter = arg[1];
            if (letter == 'D')
            {
                options.Debug = true;
                continue;
            }
            if (i + 1 >= args.Count)
            {
                output.WriteLine($"option '{letter}' requires arg");
                return null;
            }
            string value = args[++i];
            if (letter == 'c')
            {
                options.Command = [value, .. args.Skip(i + 1)];
                break;
            }
            if (!KnownLetters.Contains(letter, StringComparison.Ordinal))
            {
                output.WriteLine($"unknown option: {letter}");
                return null;
            }
            Apply(options, letter, value, output);
        }
        return options;
    }

    private static void Apply(ClientOptions options, char letter, string value, TextWriter output)
    {
        switch (letter)
        {
            case 's':
                options.Lockspace = value;
                break;
            case 'r':
                if (ResourceString.TryParse(value, allowMegabyteSuffix: true, out SanlkResource? resource, out int error))
                {
                    options.Resources.Add(resource);
                }
                else
                {
                    output.WriteLine($"resource arg parse error {error}");
                    output.WriteLine();
                }
                break;
            case 'x':
                options.Rindex = value;
                break;
            case 'p':
                options.Pid = CNumber.Atoi(value);
                break;
            case 'o':
                options.OptionO = value;
                break;
            case 'h':
                options.Hosts = CNumber.Atoi(value);
                break;
            case 'i':
                options.HostId = CNumber.ParseUnsignedAuto(value);
                break;
            case 'g':
                options.Generation = CNumber.ParseUnsignedAuto(value);
                break;
            case 'e':
                options.OptionE = value;
                break;
            case 'd':
                options.Data = CNumber.ParseUnsignedAuto(value);
                break;
            case 'u':
                options.Used = CNumber.Atoi(value);
                break;
            case 'O':
                options.Orphan = CNumber.Atoi(value);
                options.OrphanGiven = true;
                break;
            case 'f':
                options.Force = CNumber.Atoi(value);
                break;
            case 'w':
                options.Wait = CNumber.Atoi(value);
                break;
            case 'z':
                options.Clear = CNumber.Atoi(value);
                break;
            case 'Z':
                options.SectorSize = CNumber.Atoi(value);
                break;
            case 'A':
                options.AlignSize = value;
                break;
            case 'a':
                options.All = CNumber.Atoi(value);
                break;
            case 'P':
                options.Persistent = CNumber.Atoi(value);
                break;
            case 'n':
                options.NumHosts = CNumber.Atoi(value);
                break;
            case 'm':
                options.MaxHosts = CNumber.Atoi(value);
                break;
            default:
                break;
        }
    }
}
