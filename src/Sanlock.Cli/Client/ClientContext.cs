using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.Cli.Client;

/// <summary>What every client action needs: its options, stdout and the daemon client; plus the argument
/// conversions the real CLI applies (lockspace / resource / rindex strings, -Z / -A flags).</summary>
internal sealed class ClientContext(ClientOptions options, TextWriter output, SanlockClient client)
{
    public ClientOptions Options { get; } = options;

    public TextWriter Output { get; } = output;

    public SanlockClient Client { get; } = client;

    /// <summary>The exit status for a daemon result: 0 only for exactly 0.</summary>
    public static int ExitCode(int result) => result == 0 ? 0 : 1;

    /// <summary>-s as a lockspace (an absent -s is an all-empty lockspace, which the daemon refuses).</summary>
    public SanlkLockspace Lockspace() =>
        Options.Lockspace is null ? new SanlkLockspace(string.Empty, 0, LockspaceFlags.None, new SanlkDisk(string.Empty, 0))
        : LockspaceString.Parse(Options.Lockspace);

    /// <summary>The lockspace name of -s (the part before the first colon).</summary>
    public string LockspaceName() => Options.Lockspace is null ? string.Empty : SanlockPath.SplitColons(Options.Lockspace)[0];

    /// <summary>-x LOCKSPACE:PATH:OFFSET.</summary>
    public SanlkRindex Rindex()
    {
        List<string> fields = SanlockPath.SplitColons(Options.Rindex ?? string.Empty);
        string name = fields[0];
        string path = fields.Count > 1 ? SanlockPath.Unescape(fields[1]) : string.Empty;
        ulong offset = fields.Count > 2 ? ResourceString.ParseOffset(fields[2], allowMegabyteSuffix: true) : 0;
        return new SanlkRindex(SizeFlags(), 0, 0, name, new SanlkDisk(path, offset));
    }

    /// <summary>-Z 512|4096 and -A 1M|2M|4M|8M as the shared ALIGN/SECTOR bits (§3.10).</summary>
    public uint SizeFlags()
    {
        uint flags = Options.SectorSize switch
        {
            512 => (uint)ResourceFlags.Sector512,
            4096 => (uint)ResourceFlags.Sector4K,
            _ => 0,
        };
        flags |= Options.AlignSize switch
        {
            "1M" => (uint)ResourceFlags.Align1M,
            "2M" => (uint)ResourceFlags.Align2M,
            "4M" => (uint)ResourceFlags.Align4M,
            "8M" => (uint)ResourceFlags.Align8M,
            _ => 0u,
        };
        return flags;
    }

    public static int SectorSizeOf(uint flags) =>
        (flags & (uint)ResourceFlags.Sector512) != 0 ? 512 : (flags & (uint)ResourceFlags.Sector4K) != 0 ? 4096 : 0;

    public static int AlignSizeOf(uint flags) =>
        (flags & (uint)ResourceFlags.Align1M) != 0 ? 1 << 20
        : (flags & (uint)ResourceFlags.Align2M) != 0 ? 2 << 20
        : (flags & (uint)ResourceFlags.Align4M) != 0 ? 4 << 20
        : (flags & (uint)ResourceFlags.Align8M) != 0 ? 8 << 20
        : 0;
}
