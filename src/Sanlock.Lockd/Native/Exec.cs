using System.Runtime.InteropServices;

namespace Sanlock.Lockd.Native;

/// <summary>Replaces this process with a command (execvp, PATH search) keeping chosen fds open across the exec.</summary>
internal static unsafe class Exec
{
    /// <summary>Clears FD_CLOEXEC (which .NET sets on every fd); returns 0 or the errno.</summary>
    public static int KeepAcrossExec(int fd)
    {
        int flags = LibC.FcntlInt(fd, LibC.F_GETFD, 0);
        return flags >= 0 && LibC.FcntlInt(fd, LibC.F_SETFD, flags & ~LibC.FD_CLOEXEC) == 0 ? 0 : LibC.LastError;
    }

    /// <summary>execvp(file, args); returns only on failure, with the errno.</summary>
    public static int Replace(string file, IReadOnlyList<string> args)
    {
        var argv = new nint[args.Count + 1];
        nint path = Marshal.StringToCoTaskMemUTF8(file);
        try
        {
            for (int i = 0; i < args.Count; i++)
            {
                argv[i] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }

            // .NET ignores SIGPIPE; an ignored signal stays ignored across exec, which the command must not inherit.
            LibC.Signal(LibC.SIGPIPE, LibC.SIG_DFL);
            fixed (nint* argvPointer = argv)
            {
                LibC.ExecVp(path, argvPointer);
            }

            return LibC.LastError;
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
            foreach (nint arg in argv)
            {
                Marshal.FreeCoTaskMem(arg);
            }
        }
    }
}
