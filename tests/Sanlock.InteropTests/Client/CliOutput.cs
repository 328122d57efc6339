using System.Text.RegularExpressions;

namespace Sanlock.InteropTests.Client;

/// <summary>Makes two CLI outputs comparable: values that change from one moment to the next (monotonic times,
/// renewal timestamps, fds and slot numbers of the short-lived status connection) become <c>N</c>.</summary>
public static partial class CliOutput
{
    public static string Normalize(string output)
    {
        string text = VolatileKeys().Replace(output, m => $"{m.Groups[1].Value}=N");
        text = RegisteredFd().Replace(text, m => $"{m.Groups[1].Value} N");
        return TimestampWord().Replace(text, "timestamp N");
    }

    [GeneratedRegex(@"\b(monotime|helper_last_status|last_check|last_live|timestamp|renewal_last_attempt|renewal_last_success|acquire_last_attempt|acquire_last_success|cmd_last|fd|ci|read_ms|write_ms)=\d+")]
    private static partial Regex VolatileKeys();

    /// <summary><c>command</c> prints the registered socket's fd number, which depends on the process's other fds.</summary>
    [GeneratedRegex(@"(register done|acquire fd) \d+")]
    private static partial Regex RegisteredFd();

    [GeneratedRegex(@"timestamp \d+")]
    private static partial Regex TimestampWord();
}
