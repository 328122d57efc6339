using System.Buffers.Binary;

namespace Sanlock.InteropTests.Daemon.Replay;

/// <summary>The reply bytes that differ between runs by nature and so are left out of a replay comparison, named field
/// by field: a host's generation and delta-lease timestamp in <c>sanlk_host</c> records (GET_HOSTS,
/// READ_RESOURCE_OWNERS); and the 4 padding bytes after <c>sanlk_lockspace.flags</c> in GET_LOCKSPACES, where the real
/// daemon leaves leftover buffer bytes (spec §3.3). Everything else — header, result, counts, names, paths, flags,
/// lver — must match.</summary>
public static class ReplyMask
{
    private const int HeaderSize = 32;
    private const int ResourceSize = 128;
    private const int HostSize = 32;
    private const int GetHosts = 23;
    private const int ReadResourceOwners = 24;
    private const int GetLockspaces = 22;
    private const int LockspaceSize = 1104;

    /// <summary>Masked ranges (offset, length, field) of a daemon segment, which may hold several replies.</summary>
    public static List<(int Offset, int Length, string Field)> For(ReadOnlySpan<byte> segment)
    {
        var masks = new List<(int, int, string)>();
        int at = 0;
        while (at + HeaderSize <= segment.Length)
        {
            uint command = BinaryPrimitives.ReadUInt32LittleEndian(segment[(at + 8)..]);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(segment[(at + 16)..]);
            if (length < HeaderSize || at + length > segment.Length)
            {
                break;
            }
            int hosts = command switch
            {
                GetHosts => at + HeaderSize,
                ReadResourceOwners => at + HeaderSize + ResourceSize,
                _ => -1,
            };
            for (int host = hosts; hosts >= 0 && host + HostSize <= at + length; host += HostSize)
            {
                masks.Add((host + 8, 8, "sanlk_host.generation"));
                masks.Add((host + 16, 8, "sanlk_host.timestamp"));
            }
            for (int space = at + HeaderSize; command == GetLockspaces && space + LockspaceSize <= at + length; space += LockspaceSize)
            {
                masks.Add((space + 60, 4, "sanlk_lockspace padding"));
            }
            at += length;
        }
        return masks;
    }
}
