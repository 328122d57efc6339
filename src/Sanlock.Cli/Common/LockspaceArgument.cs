namespace Sanlock.Cli.Common;

/// <summary>
/// <c>-s LOCKSPACE_NAME:HOST_ID:PATH:OFFSET</c>. Like the real CLI, missing fields are empty or 0, fields after
/// the fourth are ignored, host_id and offset use C number rules (<c>512abc</c> is 512, an <c>M</c> suffix means
/// MiB). Unlike it, a name over 48 bytes is an error instead of being cut short silently.
/// </summary>
internal sealed record LockspaceArgument(string Name, long HostId, string Path, long Offset)
{
    public const int MaxNameBytes = 48;

    public static LockspaceArgument? Parse(string text, out string? error)
    {
        var fields = ColonFields.Split(text);
        var name = fields[0];
        var hostId = fields.Count > 1 ? CNumbers.Strtoll(fields[1], out _) : 0;
        var path = fields.Count > 2 ? fields[2] : "";
        long offset = 0;
        if (fields.Count > 3)
        {
            ColonFields.TryParseOffset(fields[3], out offset);
        }

        var nameBytes = ColonFields.Utf8Length(name);
        if (nameBytes > MaxNameBytes || name.Contains('\0', StringComparison.Ordinal))
        {
            error = $"lockspace name \"{name}\" is {nameBytes} bytes; the limit is {MaxNameBytes}";
            return null;
        }
        error = null;
        return new LockspaceArgument(name, hostId, path, offset);
    }
}
