using System.Text;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Text;

/// <summary>Lockspace strings <c>NAME:HOST_ID:PATH:OFFSET</c> (the CLI's <c>-s</c>).</summary>
/// <remarks>sanlock-wire-protocol.md §6.1 (str_to_lockspace): escaped colons in PATH are honoured; the offset may
/// carry an <c>M</c> (MiB) suffix. Missing trailing fields are left empty / 0 (the daemon then refuses); a name
/// longer than 48 bytes or a path longer than 1023 is cut, as the real CLI does [observed].</remarks>
public static class LockspaceString
{
    public static SanlkLockspace Parse(string text)
    {
        List<string> fields = SanlockPath.SplitColons(text);
        string name = Truncate(fields[0], SanlkLockspace.NameSize);
        ulong hostId = fields.Count > 1 ? CNumber.ParseUnsigned(fields[1], 10, out _) : 0;
        string path = Truncate(fields.Count > 2 ? SanlockPath.Unescape(fields[2]) : string.Empty, SanlkDisk.PathSize - 1);
        ulong offset = fields.Count > 3 ? ResourceString.ParseOffset(fields[3], allowMegabyteSuffix: true) : 0;
        return new SanlkLockspace(name, hostId, LockspaceFlags.None, new SanlkDisk(path, offset));
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxBytes"/> UTF-8 bytes (as strncpy into the
    /// fixed field does), never splitting a character.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }
        int length = text.Length;
        while (length > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > maxBytes)
        {
            length--;
        }
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }
        return text[..length];
    }

    public static string Format(SanlkLockspace lockspace, bool exportPath = true) =>
        $"{lockspace.Name}:{lockspace.HostId}:{(exportPath ? SanlockPath.Export(lockspace.HostIdDisk.Path) : lockspace.HostIdDisk.Path)}:{lockspace.HostIdDisk.Offset}";
}
