using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sanlock.Cli.Daemon;

/// <summary>
/// Starts the NativeAOT daemon over again (same pid, same descriptors) with a 1 MiB gen0 budget when none is set.
/// </summary>
/// <remarks>
/// The GC sizes gen0 from the CPU cache, which on this kind of machine lets a daemon holding 1,000 leases sit at
/// ~35 MB of resident heap where 1 MiB budgets keep it near 23 MB at the same CPU cost. NativeAOT reads that knob
/// (GCgen0size) only from the environment, not from build-time runtime options, so the daemon sets it for
/// itself and re-executes once; <c>DOTNET_GCgen0size</c> set by the caller is respected as it is.
/// </remarks>
internal static partial class SmallGen0Reexec
{
    private const string Variable = "DOTNET_GCgen0size";
    private const string OneMiBHex = "100000";

    public static void Apply(string[] args)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return;   // not the AOT binary (tests run the daemon in-process), or already chosen
        }

        if (SetEnv(Variable, OneMiBHex, 1) != 0)
        {
            return;
        }

        var argv = new string?[args.Length + 3];
        argv[0] = Environment.GetCommandLineArgs()[0];
        argv[1] = "daemon";
        args.CopyTo(argv, 2);
        _ = Execv("/proc/self/exe", argv);
        // execv failed: carry on with the default budget.
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
