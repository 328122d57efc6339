using System.Collections.Frozen;

namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// The texts libsanlock 3.8.5's <c>sanlock_strerror</c> gives for sanlock's own result codes (≤ −200), which
/// libvirt puts into its messages. Listed by calling the real function for every code from −199 to −300; every
/// other value, errno values included, gives "Unknown error" there.
/// </summary>
public static class SanlockStrError
{
    private static readonly FrozenDictionary<int, string> Texts = new Dictionary<int, string>
    {
        [-201] = "General error",
        [-202] = "IO timeout",
        [-203] = "Watchdog device error",
        [-210] = "Lease read error in dblock",
        [-211] = "Lease write error in dblock",
        [-212] = "Lease was acquired by another host in new ballot",
        [-213] = "Lease was acquired by another host in current ballot",
        [-214] = "Lease checksum error in dblock",
        [-220] = "Lease read error in leader",
        [-221] = "Lease write error in leader",
        [-222] = "Lease read inconsistent",
        [-223] = "Lease does not exist on storage",
        [-224] = "Lease format version on storage is not recognized",
        [-225] = "Lease sector size is inconsistent",
        [-226] = "Lease lockspace name is incorrect",
        [-227] = "Lease resource name is incorrect",
        [-228] = "Lease num_hosts is incorrect",
        [-229] = "Lease checksum error in leader",
        [-241] = "Lease lockspace is not found",
        [-242] = "Lease lockspace disk cannot be opened",
        [-243] = "Lease is held by another host",
        [-244] = "Lease was acquired by another host in other ballot",
        [-245] = "Lease was acquired by another host in local commit",
        [-246] = "Lease is held by another host for shared acquire",
        [-247] = "Lease is owned by another host",
        [-250] = "Lease release version is incorrect",
        [-251] = "Lease release owner is incorrect",
        [-260] = "Lease renew owner is incorrect",
        [-261] = "Lease renew data has changed",
        [-262] = "Lease host ID is being used by another host",
        [-270] = "Lease request block has invalid data",
        [-271] = "Lease request block has invalid version",
        [-272] = "Lease request has newer lease version",
        [-273] = "Lease request block has newer version",
    }.ToFrozenDictionary();

    /// <summary>Codes at or below this are sanlock's own; above it (and below 0) they are −errno.</summary>
    public const int FirstSanlockCode = -200;

    public static string Text(int result) => Texts.GetValueOrDefault(result, "Unknown error");

    public static bool IsSanlockCode(int result) => result <= FirstSanlockCode;
}
