using System.Collections.Immutable;
using System.Text;

namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// sanlock's lock-state string, which libvirt stores in <c>&lt;lockstate&gt;</c> (spec libvirt §4.4, wire §6.1):
/// resource strings <c>LOCKSPACE:NAME:PATH:OFFSET[:PATH:OFFSET…]:LVER|SH</c> separated by spaces.
/// </summary>
/// <remarks>
/// <see cref="TryParse"/> accepts what libsanlock 3.8.5's <c>sanlock_state_to_args</c> accepts and fails where it
/// fails, with the same negative code; the rows in the unit tests were produced by calling that function. Its
/// leniencies are kept on purpose (an offset of <c>12abc</c> reads as 12, a version of <c>abc</c> as 0, a version
/// starting with <c>SH</c> means shared) so a state saved by a real sanlock host parses here too.
/// </remarks>
public static class SanlockLockState
{
    /// <summary>Longest lockspace or resource name in bytes.</summary>
    public const int NameMaxBytes = 48;

    /// <summary>Longest disk path in bytes.</summary>
    public const int PathMaxBytes = 1023;

    /// <summary>Most disk areas one resource string may carry.</summary>
    public const int MaxDisks = 4;

    /// <summary>Result of a malformed resource (sanlock returns −1).</summary>
    public const int ErrorMalformed = -1;

    /// <summary>Result of more than <see cref="MaxDisks"/> disks (sanlock returns −2).</summary>
    public const int ErrorTooManyDisks = -2;

    /// <summary>Result of a resource without any colon, including an empty one (sanlock returns −ENXIO).</summary>
    public const int ErrorNoColon = -6;

    public static string Format(IEnumerable<SanlockResourceSpec> resources) =>
        string.Join(' ', resources.Select(FormatResource));

    /// <summary>
    /// One resource string. Paths are escaped as sanlock does: a space or colon gets a backslash in front, an existing
    /// backslash pair is copied unchanged. A resource without a version prints version 0.
    /// </summary>
    /// <exception cref="ArgumentException">a name or path longer than sanlock can carry.</exception>
    public static string FormatResource(SanlockResourceSpec resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        CheckLength(resource.Lockspace, NameMaxBytes, "lockspace name");
        CheckLength(resource.Name, NameMaxBytes, "resource name");
        var text = new StringBuilder();
        text.Append(resource.Lockspace).Append(':').Append(resource.Name);
        foreach (SanlockDiskSpec disk in resource.Disks)
        {
            CheckLength(disk.Path, PathMaxBytes, "disk path");
            text.Append(':');
            AppendExportedPath(text, disk.Path);
            text.Append(':').Append(disk.Offset);
        }

        text.Append(':');
        if (resource.Shared)
        {
            text.Append("SH");
        }
        else
        {
            text.Append(resource.Lver ?? 0);
        }

        return text.ToString();
    }

    /// <summary>Parses a state string; libvirt never parses an empty state (it means "no state"), sanlock rejects it.</summary>
    /// <exception cref="LibvirtException"><c>Unable to parse lock state &lt;s&gt;: &lt;strerror&gt;</c>.</exception>
    public static ImmutableArray<SanlockResourceSpec> Parse(string state)
    {
        if (!TryParse(state, out ImmutableArray<SanlockResourceSpec> resources, out int error))
        {
            throw new LibvirtException(
                LibvirtErrorCode.SystemError, $"Unable to parse lock state {state}: {Libc.StrError(-error)}");
        }

        return resources;
    }

    /// <summary>Parses a state string; <paramref name="error"/> gets sanlock's negative result when it fails, else 0.</summary>
    public static bool TryParse(string state, out ImmutableArray<SanlockResourceSpec> resources, out int error)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parsed = ImmutableArray.CreateBuilder<SanlockResourceSpec>();
        foreach (string piece in SplitResources(state))
        {
            error = TryParseResource(piece, out SanlockResourceSpec? resource);
            if (error != 0)
            {
                resources = [];
                return false;
            }

            parsed.Add(resource!);
        }

        error = 0;
        resources = parsed.ToImmutable();
        return true;
    }

    /// <summary>
    /// Splits at spaces, except escaped ones and those before a resource's third colon (a space there belongs to the
    /// first path). Only the one space is consumed, so a second space starts the next lockspace name.
    /// </summary>
    private static List<string> SplitResources(string state)
    {
        var pieces = new List<string>();
        int start = 0;
        int colons = 0;
        for (int i = 0; i < state.Length; i++)
        {
            char c = state[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == ':')
            {
                colons++;
            }
            else if (c == ' ' && colons >= 3)
            {
                pieces.Add(state[start..i]);
                start = i + 1;
                colons = 0;
            }
        }

        pieces.Add(state[start..]);
        return pieces;
    }

    private static int TryParseResource(string text, out SanlockResourceSpec? resource)
    {
        resource = null;
        List<string>? fields = SplitFields(text);
        if (fields is null)
        {
            return ErrorMalformed;
        }

        int colons = fields.Count - 1;
        if (colons == 0)
        {
            return ErrorNoColon;
        }

        if (colons == 2)
        {
            return ErrorMalformed;
        }

        int diskCount = (colons - 1) / 2;
        if (diskCount > MaxDisks)
        {
            return ErrorTooManyDisks;
        }

        string lockspace = fields[0];
        string name = fields[1];
        if (ByteLength(lockspace) > NameMaxBytes || ByteLength(name) > NameMaxBytes)
        {
            return ErrorMalformed;
        }

        var disks = ImmutableArray.CreateBuilder<SanlockDiskSpec>(diskCount);
        for (int d = 0; d < diskCount; d++)
        {
            string path = fields[2 + (2 * d)];
            if (path.Length == 0 || ByteLength(path) > PathMaxBytes
                || !CNumber.TryParseUInt64(fields[3 + (2 * d)], fromBase: 10, out ulong offset))
            {
                return ErrorMalformed;
            }

            disks.Add(new SanlockDiskSpec(path, offset));
        }

        bool shared = false;
        ulong? lver = null;
        if (colons % 2 == 0)
        {
            string last = fields[^1];
            if (last.Length == 0)
            {
                return ErrorMalformed;
            }

            if (last.StartsWith("SH", StringComparison.Ordinal))
            {
                shared = true;
            }
            else
            {
                // sanlock ignores a version it cannot read and records 0.
                lver = CNumber.TryParseUInt64(last, fromBase: 0, out ulong value) ? value : 0;
            }
        }

        resource = new SanlockResourceSpec(lockspace, name, disks.MoveToImmutable(), shared, lver);
        return 0;
    }

    /// <summary>Splits at unescaped colons and removes the escaping backslashes; <c>null</c> when a backslash ends the text.</summary>
    private static List<string>? SplitFields(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                if (++i == text.Length)
                {
                    return null;
                }

                field.Append(text[i]);
            }
            else if (c == ':')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static void AppendExportedPath(StringBuilder text, string path)
    {
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (c == '\\')
            {
                text.Append(c);
                if (i + 1 < path.Length)
                {
                    text.Append(path[++i]);
                }
            }
            else
            {
                if (c is ' ' or ':')
                {
                    text.Append('\\');
                }

                text.Append(c);
            }
        }
    }

    private static int ByteLength(string s) => Encoding.UTF8.GetByteCount(s);

    private static void CheckLength(string value, int maxBytes, string what)
    {
        if (ByteLength(value) > maxBytes)
        {
            throw new ArgumentException($"sanlock {what} '{value}' is longer than {maxBytes} bytes", nameof(value));
        }
    }
}
