using System.Text;

namespace Sanlock.Cli.Common;

/// <summary>
/// Where CLI text goes. Names from disk are raw bytes; they are carried through strings as Latin-1 (one char per
/// byte) and written back as Latin-1, so stdout gets exactly the bytes the real CLI's <c>printf("%s")</c> would.
/// Tests pass their own writers.
/// </summary>
internal sealed class CliOutput
{
    public CliOutput(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>stdout and stderr of the process, stdout buffered (flushed by <see cref="Flush"/>).</summary>
    public static CliOutput ForConsole()
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), Encoding.Latin1, 64 * 1024) { AutoFlush = false, NewLine = "\n" };
        var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        return new CliOutput(stdout, stderr);
    }

    /// <summary>A name field as the bytes before its first NUL, one char per byte.</summary>
    public static string RawText(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public void Flush()
    {
        Out.Flush();
        Error.Flush();
    }
}
