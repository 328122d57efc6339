using System.Text;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Text;

/// <summary>Lockspace strings <c>NAME:HOST_ID:PATH:OFFSET</c> (the CLI's <c>-s</c>).</summary>
/// <remarks>sanlock-wire-protocol.md §6.1 (str_to_lockspace): escaped colons in PATH are honoured; the offset may
/// carry an <c>M</c> (MiB) suffix. Missing trailing fields are left empty / 0 (the daemon or CLI then refuses).</remarks>
public static class LockspaceString
{
    public static SanlkLockspace Parse(string text)
    {
        List<string> fields = SanlockPath.SplitColons(text);
        string name = fields[0];
        if (Encoding.UTF8.GetByteCount(name) > SanlkLockspace.NameSize)
        {
            throw new FormatException($"lockspace string \"{text}\": name is longer than {SanlkLockspace.NameSize} bytes");
        }
        ulong hostId = fields.Count > 1 ? CNumber.ParseUnsigned(fields[1], 10, out _) : 0;
        string path = fields.Count > 2 ? SanlockPath.Unescape(fields[2]) : string.Empty;
        if (Encoding.UTF8.GetByteCount(path) > SanlkDisk.PathSize - 1)
        {
            throw new FormatException($"lockspace string \"{text}\": path is longer than {SanlkDisk.PathSize - 1} bytes");
        }
        ulong offset = fields.Count > 3 ? ResourceString.ParseOffset(fields[3], allowMegabyteSuffix: true) : 0;
        return new SanlkLockspace(name, hostId, LockspaceFlags.None, new SanlkDisk(path, offset));
    }

    public static string Format(SanlkLockspace lockspace, bool exportPath = true) =>
        $"{lockspace.Name}:{lockspace.HostId}:{(exportPath ? SanlockPath.Export(lockspace.HostIdDisk.Path) : lockspace.HostIdDisk.Path)}:{lockspace.HostIdDisk.Offset}";
}
