using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;
using Sanlock.TestKit;

namespace Sanlock.InteropTests.Client;

/// <summary>Compiles a small C program against the installed public sanlock headers (libsanlock-dev) and compares
/// every sizeof / offsetof and flag value with what our codecs write. Skipped, with the reason, when gcc or the
/// headers are missing.</summary>
public class ProtocolCAbiLayoutTests
{
    private static readonly (string Struct, string[] Fields)[] _layouts =
    [
        ("sanlk_disk", ["path", "offset", "pad1", "pad2"]),
        ("sanlk_resource", ["lockspace_name", "name", "lver", "data64", "data32", "unused", "flags", "num_disks"]),
        ("sanlk_lockspace", ["name", "host_id", "flags", "host_id_disk"]),
        ("sanlk_options", ["owner_name", "flags", "len"]),
        ("sanlk_host", ["host_id", "generation", "timestamp", "io_timeout", "flags"]),
        ("sanlk_host_event", ["host_id", "generation", "event", "data"]),
        ("sanlk_rindex", ["flags", "max_resources", "unused", "lockspace_name", "disk"]),
        ("sanlk_rentry", ["name", "offset", "flags", "unused"]),
    ];

    private static readonly (string Define, long Ours)[] _defines =
    [
        ("SANLK_MAX_RESOURCES", ProtocolLimits.MaxResources), ("SANLK_MAX_DISKS", ProtocolLimits.MaxDisks),
        ("SANLK_NAME_LEN", SanlkResource.NameSize), ("SANLK_PATH_LEN", SanlkDisk.PathSize),
        ("SANLK_HELPER_PATH_LEN", ProtocolLimits.KillPathField), ("SANLK_HELPER_ARGS_LEN", ProtocolLimits.KillPathField),
        ("SANLK_RES_LVER", (long)ResourceFlags.Lver), ("SANLK_RES_NUM_HOSTS", (long)ResourceFlags.NumHosts),
        ("SANLK_RES_SHARED", (long)ResourceFlags.Shared), ("SANLK_RES_PERSISTENT", (long)ResourceFlags.Persistent),
        ("SANLK_RES_ALIGN1M", (long)ResourceFlags.Align1M), ("SANLK_RES_ALIGN8M", (long)ResourceFlags.Align8M),
        ("SANLK_RES_SECTOR512", (long)ResourceFlags.Sector512), ("SANLK_RES_SECTOR4K", (long)ResourceFlags.Sector4K),
        ("SANLK_LSF_ADD", (long)LockspaceFlags.Add), ("SANLK_LSF_REM", (long)LockspaceFlags.Rem),
        ("SANLK_ADD_ASYNC", CommandFlags.AddAsync), ("SANLK_REM_ASYNC", CommandFlags.RemAsync),
        ("SANLK_REM_UNUSED", CommandFlags.RemUnused), ("SANLK_INQ_WAIT", CommandFlags.InqWait),
        ("SANLK_WRITE_CLEAR", CommandFlags.WriteClear),
        ("SANLK_HOST_UNKNOWN", (long)HostState.Unknown), ("SANLK_HOST_FREE", (long)HostState.Free),
        ("SANLK_HOST_LIVE", (long)HostState.Live), ("SANLK_HOST_FAIL", (long)HostState.Fail), ("SANLK_HOST_DEAD", (long)HostState.Dead),
        ("SANLK_CONFIG_USED", HeaderData.ConfigUsed), ("SANLK_CONFIG_UNUSED", HeaderData.ConfigUnused),
        ("SANLK_CONFIG_USED_BY_ORPHANS", HeaderData.ConfigUsedByOrphans), ("SANLK_CONFIG_UNUSED_BY_ORPHANS", HeaderData.ConfigUnusedByOrphans),
        ("SANLK_RXUP_ADD", CommandFlags.RindexUpdateAdd), ("SANLK_RXUP_REM", CommandFlags.RindexUpdateRem),
        ("SANLK_RX_NO_LOCKSPACE", CommandFlags.RindexNoLockspace),
        ("SANLK_SETEV_CUR_GENERATION", CommandFlags.SetEventCurGeneration), ("SANLK_SETEV_CLEAR_HOSTID", CommandFlags.SetEventClearHostId),
        ("SANLK_SETEV_CLEAR_EVENT", CommandFlags.SetEventClearEvent), ("SANLK_SETEV_REPLACE_EVENT", CommandFlags.SetEventReplaceEvent),
        ("SANLK_SETEV_ALL_HOSTS", CommandFlags.SetEventAllHosts),
        ("SANLK_RESTRICT_ALL", CommandFlags.RestrictAll), ("SANLK_RESTRICT_SIGKILL", CommandFlags.RestrictSigkill),
        ("SANLK_RESTRICT_SIGTERM", CommandFlags.RestrictSigterm), ("SANLK_KILLPATH_PID", CommandFlags.KillPathPid),
        ("SANLK_ACQUIRE_LVB", CommandFlags.AcquireLvb), ("SANLK_ACQUIRE_ORPHAN", CommandFlags.AcquireOrphan),
        ("SANLK_ACQUIRE_ORPHAN_ONLY", CommandFlags.AcquireOrphanOnly), ("SANLK_ACQUIRE_OWNER_NOWAIT", CommandFlags.AcquireOwnerNowait),
        ("SANLK_REL_ALL", CommandFlags.ReleaseAll), ("SANLK_REL_RENAME", CommandFlags.ReleaseRename),
        ("SANLK_REL_ORPHAN", CommandFlags.ReleaseOrphan), ("SANLK_CONVERT_OWNER_NOWAIT", CommandFlags.ConvertOwnerNowait),
        ("SANLK_REQUEST_NEXT_LVER", CommandFlags.RequestNextLver), ("SANLK_REQ_FORCE", HeaderData.RequestForce),
        ("SANLK_REQ_GRACEFUL", HeaderData.RequestGraceful),
    ];

    [Fact]
    public async Task CStructLayoutsAndFlags_MatchOurCodecs()
    {
        if (!File.Exists("/usr/include/sanlock.h") || !File.Exists("/usr/bin/gcc"))
        {
            Assert.Skip("no gcc or no /usr/include/sanlock.h (apt-get install -y gcc libsanlock-dev): C ABI layout not checked");
        }
        string dir = Path.Combine(Path.GetTempPath(), $"sanlock-abi-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string source = Path.Combine(dir, "layout.c");
            await File.WriteAllTextAsync(source, CProgram(), TestContext.Current.CancellationToken);
            string binary = Path.Combine(dir, "layout");
            ProcessResult compile = await RealSanlockDaemon.RunAsync("/usr/bin/gcc", ["-o", binary, source], null, TestContext.Current.CancellationToken);
            Assert.True(compile.ExitCode == 0, $"gcc failed: {compile}");
            ProcessResult run = await RealSanlockDaemon.RunAsync(binary, [], null, TestContext.Current.CancellationToken);
            Assert.Equal(0, run.ExitCode);

            Dictionary<string, long> c = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
            Dictionary<string, long> ours = OurLayout();
            var differences = new StringBuilder();
            foreach ((string key, long value) in c)
            {
                if (!ours.TryGetValue(key, out long mine) || mine != value)
                {
                    differences.AppendLine($"{key}: C {value}, ours {(ours.TryGetValue(key, out long m) ? m : "missing")}");
                }
            }
            Assert.True(differences.Length == 0, differences.ToString());
            Assert.True(c.Count >= 90, $"only {c.Count} values compared");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string CProgram()
    {
        var text = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <sanlock.h>\n#include <sanlock_admin.h>\n#include <sanlock_resource.h>\nint main(void) {\n");
        foreach ((string name, string[] fields) in _layouts)
        {
            text.Append(CultureInfo.InvariantCulture, $"  printf(\"sizeof.{name} %zu\\n\", sizeof(struct {name}));\n");
            foreach (string field in fields)
            {
                text.Append(CultureInfo.InvariantCulture, $"  printf(\"offsetof.{name}.{field} %zu\\n\", offsetof(struct {name}, {field}));\n");
            }
        }
        foreach ((string define, _) in _defines)
        {
            text.Append(CultureInfo.InvariantCulture, $"  printf(\"define.{define} %lld\\n\", (long long)({define}));\n");
        }
        return text.Append("  return 0;\n}\n").ToString();
    }

    /// <summary>Our sizes and offsets, found by writing each struct with distinct marker values and locating them.</summary>
    private static Dictionary<string, long> OurLayout()
    {
        var layout = new Dictionary<string, long>();
        foreach ((string define, long value) in _defines)
        {
            layout[$"define.{define}"] = value;
        }
        const ulong M1 = 0x1111111111111111, M2 = 0x2222222222222222, M3 = 0x3333333333333333, M4 = 0x4444444444444444;
        const uint W1 = 0x51515151, W2 = 0x52525252, W3 = 0x53535353, W4 = 0x54545454;

        byte[] disk = Write(SanlkDisk.Size, (ref WireWriter w) => new SanlkDisk("P", M1, W1, W2).Write(ref w));
        Record(layout, "sanlk_disk", disk, [("path", Text('P')), ("offset", U64(M1)), ("pad1", U32(W1)), ("pad2", U32(W2))]);

        var resource = new SanlkResource("L", "N", M1, M2, W1, W2, (ResourceFlags)W3, W4, []);
        byte[] res = Write(SanlkResource.Size, (ref WireWriter w) => resource.WriteHeader(ref w));
        Record(layout, "sanlk_resource", res, [("lockspace_name", Text('L')), ("name", Text('N')), ("lver", U64(M1)), ("data64", U64(M2)),
            ("data32", U32(W1)), ("unused", U32(W2)), ("flags", U32(W3)), ("num_disks", U32(W4))]);

        byte[] ls = Write(SanlkLockspace.Size, (ref WireWriter w) => new SanlkLockspace("L", M1, (LockspaceFlags)W1, new SanlkDisk("D", 0)).Write(ref w));
        Record(layout, "sanlk_lockspace", ls, [("name", Text('L')), ("host_id", U64(M1)), ("flags", U32(W1)), ("host_id_disk", Text('D'))]);

        byte[] options = Write(SanlkOptions.Size, (ref WireWriter w) => new SanlkOptions("O", W1, W2).Write(ref w));
        Record(layout, "sanlk_options", options, [("owner_name", Text('O')), ("flags", U32(W1)), ("len", U32(W2))]);

        byte[] host = Write(SanlkHost.Size, (ref WireWriter w) => new SanlkHost(M1, M2, M3, W1, W2).Write(ref w));
        Record(layout, "sanlk_host", host, [("host_id", U64(M1)), ("generation", U64(M2)), ("timestamp", U64(M3)), ("io_timeout", U32(W1)), ("flags", U32(W2))]);

        byte[] hostEvent = Write(SanlkHostEvent.Size, (ref WireWriter w) => new SanlkHostEvent(M1, M2, M3, M4).Write(ref w));
        Record(layout, "sanlk_host_event", hostEvent, [("host_id", U64(M1)), ("generation", U64(M2)), ("event", U64(M3)), ("data", U64(M4))]);

        byte[] rindex = Write(SanlkRindex.Size, (ref WireWriter w) => new SanlkRindex(W1, W2, M1, "L", new SanlkDisk("D", 0)).Write(ref w));
        Record(layout, "sanlk_rindex", rindex, [("flags", U32(W1)), ("max_resources", U32(W2)), ("unused", U64(M1)), ("lockspace_name", Text('L')), ("disk", Text('D'))]);

        byte[] rentry = Write(SanlkRentry.Size, (ref WireWriter w) => new SanlkRentry("N", M1, W1, W2).Write(ref w));
        Record(layout, "sanlk_rentry", rentry, [("name", Text('N')), ("offset", U64(M1)), ("flags", U32(W1)), ("unused", U32(W2))]);
        return layout;
    }

    private delegate void WriteAction(ref WireWriter writer);

    private static byte[] Write(int size, WriteAction write)
    {
        var bytes = new byte[size];
        var writer = new WireWriter(bytes);
        write(ref writer);
        Assert.Equal(size, writer.Position);
        return bytes;
    }

    private static void Record(Dictionary<string, long> layout, string name, byte[] bytes, (string Field, byte[] Marker)[] fields)
    {
        layout[$"sizeof.{name}"] = bytes.Length;
        foreach ((string field, byte[] marker) in fields)
        {
            layout[$"offsetof.{name}.{field}"] = bytes.AsSpan().IndexOf(marker);
        }
    }

    private static byte[] Text(char c) => [(byte)c];

    private static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
