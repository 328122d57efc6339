namespace Sanlock.Cli.Common;

/// <summary>One path and offset of a resource (a resource may span up to four disks).</summary>
internal sealed record ResourceDisk(string Path, long Offset);

/// <summary>
/// <c>-r LOCKSPACE_NAME:RESOURCE_NAME:PATH:OFFSET[:PATH:OFFSET…][:LVER|:SH]</c>, split like the real client
/// library: the number of unescaped colons decides the disk count ((colons − 1) / 2, at most 4) and whether a last
/// LVER/SH field is present. Parse failures carry the real CLI's code (−6 no colon, −1 malformed, −2 too many disks).
/// </summary>
internal sealed record ResourceArgument(string Lockspace, string Name, IReadOnlyList<ResourceDisk> Disks, ulong Lver, bool Shared)
{
    public const int MaxNameBytes = 48;
    public const int MaxDisks = 4;
    public const int MaxPathBytes = 1023;

    public static ResourceArgument? Parse(string text, out int errorCode, out string? error)
    {
        var fields = ColonFields.Split(text);
        var colons = fields.Count - 1;
        errorCode = 0;
        error = null;
        if (colons == 0)
        {
            return Fail(-6, $"resource \"{text}\" has no ':' (expected LOCKSPACE:NAME:PATH:OFFSET)", out errorCode, out error);
        }
        if (colons == 2)
        {
            return Fail(-1, $"resource \"{text}\" has a path but no offset (expected LOCKSPACE:NAME:PATH:OFFSET)", out errorCode, out error);
        }

        var diskCount = (colons - 1) / 2;
        var hasVersionField = (colons - 1) % 2 == 1;
        if (diskCount > MaxDisks)
        {
            return Fail(-2, $"resource \"{text}\" names {diskCount} disks; the limit is {MaxDisks}", out errorCode, out error);
        }

        var lockspace = fields[0];
        var name = fields[1];
        foreach (var (label, value) in new[] { ("lockspace name", lockspace), ("resource name", name) })
        {
            var bytes = ColonFields.Utf8Length(value);
            if (bytes > MaxNameBytes || value.Contains('\0', StringComparison.Ordinal))
            {
                return Fail(-1, $"{label} \"{value}\" is {bytes} bytes; the limit is {MaxNameBytes}", out errorCode, out error);
            }
        }

        var disks = new List<ResourceDisk>(diskCount);
        for (var d = 0; d < diskCount; d++)
        {
            var path = fields[2 + (2 * d)];
            var offsetField = fields[3 + (2 * d)];
            if (path.Length == 0)
            {
                return Fail(-1, $"resource \"{text}\": disk {d + 1} has an empty path", out errorCode, out error);
            }
            if (ColonFields.Utf8Length(path) > MaxPathBytes)
            {
                return Fail(-1, $"resource \"{text}\": disk {d + 1} path is longer than {MaxPathBytes} bytes", out errorCode, out error);
            }
            if (!ColonFields.TryParseOffset(offsetField, out var offset))
            {
                return Fail(-1, $"resource \"{text}\": disk {d + 1} offset \"{offsetField}\" is not a number", out errorCode, out error);
            }
            disks.Add(new ResourceDisk(path, offset));
        }

        ulong lver = 0;
        var shared = false;
        if (hasVersionField)
        {
            var last = fields[^1];
            if (last.Length == 0)
            {
                return Fail(-1, $"resource \"{text}\" ends with an empty LVER field", out errorCode, out error);
            }
            if (last.StartsWith("SH", StringComparison.Ordinal))
            {
                shared = true;
            }
            else
            {
                lver = unchecked((ulong)CNumbers.Strtoll(last, out _));
            }
        }
        return new ResourceArgument(lockspace, name, disks, lver, shared);
    }

    private static ResourceArgument? Fail(int code, string message, out int errorCode, out string? error)
    {
        errorCode = code;
        error = message;
        return null;
    }
}
