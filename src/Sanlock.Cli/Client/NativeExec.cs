using System.Runtime.InteropServices;

namespace Sanlock.Cli.Client;

/// <summary>The two libc calls <c>command</c> needs: keep the registered socket open across exec (clear
/// FD_CLOEXEC, which .NET sets on every socket) and replace this process with the command (execv).</summary>
internal static unsafe partial class NativeExec
{
    private const int FSetFd = 2;

    /// <summary>Lets <paramref name="fd"/> survive exec; returns 0 or −errno.</summary>
    public static int KeepAcrossExec(int fd) => fcntl(fd, FSetFd, 0) == 0 ? 0 : -Marshal.GetLastPInvokeError();

    /// <summary>execv(path, args); returns only on failure, with −errno.</summary>
    public static int Exec(string path, IReadOnlyList<string> args)
    {
        var argv = new nint[args.Count + 1];
        try
        {
            for (int i = 0; i < args.Count; i++)
            {
                argv[i] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }
            nint file = Marshal.StringToCoTaskMemUTF8(path);
            try
            {
                fixed (nint* argvPointer = argv)
                {
                    execv(file, argvPointer);
                }
                return -Marshal.GetLastPInvokeError();
            }
            finally
            {
                Marshal.FreeCoTaskMem(file);
            }
        }
        finally
        {
            foreach (nint arg in argv)
            {
                Marshal.FreeCoTaskMem(arg);
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int execv(nint path, nint* argv);
}
