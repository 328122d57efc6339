using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sanlock.Cli.Daemon;

/// <summary>
/// Starts the NativeAOT daemon over again (same pid, same descriptors) with memory settings that only the
/// environment can carry, unless the caller chose its own.
/// </summary>
/// <remarks>
/// The GC sizes gen0 from the CPU cache, which lets a daemon holding 1,000 leases sit at ~35 MB of resident heap
/// where a 1 MiB budget keeps it near 23 MB at the same CPU cost; NativeAOT reads that knob (GCgen0size) from the
/// environment only. glibc gives every thread that allocates an I/O buffer its own arena and, once a 1 MiB buffer
/// was freed, serves later ones from the arenas instead of mmap, so a burst of clients leaves megabytes behind:
/// two arenas and a fixed 128 KiB mmap threshold keep lease-area buffers out of them. Pool threads injected for a
/// burst of clients (blocking lease I/O) retire after 2 s idle instead of 20 s, taking their stacks with them.
/// </remarks>
internal static partial class MemoryTuningReexec
{
    private const string Marker = "DOTNET_GCgen0size";

    private static readonly (string Name, string Value)[] Settings =
    [
        (Marker, "100000"),              // hex: 1 MiB
        ("MALLOC_ARENA_MAX", "2"),
        ("MALLOC_MMAP_THRESHOLD_", "131072"),
        ("DOTNET_ThreadPool_ThreadTimeoutMs", "2000"),
    ];

    public static void Apply(string[] args)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || Environment.GetEnvironmentVariable(Marker) is not null)
        {
            return;   // not the AOT binary (tests run the daemon in-process), or already applied / chosen by the caller
        }

        foreach (var (name, value) in Settings)
        {
            if (SetEnv(name, value, overwrite: 0) != 0)
            {
                return;
            }
        }

        var argv = new string?[args.Length + 3];
        argv[0] = Environment.GetCommandLineArgs()[0];
        argv[1] = "daemon";
        args.CopyTo(argv, 2);
        _ = Execv("/proc/self/exe", argv);
        // execv failed: carry on with the defaults.
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
