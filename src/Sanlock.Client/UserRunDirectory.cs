using System.Runtime.InteropServices;

namespace Sanlock.Client;

/// <summary>Where an unprivileged user's own daemon lives when SANLOCK_RUN_DIR is not set: <c>$XDG_RUNTIME_DIR/sanlock</c>
/// when XDG_RUNTIME_DIR is a directory this user may write, else <c>/tmp/sanlock-UID</c>. Root, and a user who may
/// already use the system daemon's socket (e.g. a member of the sanlock group), keep <c>/run/sanlock</c>.</summary>
/// <remarks>The per-user directory is created with mode 0700 and refused unless it is a real directory of mode 0700
/// that this user can write: that proves it is ours, so another user cannot plant a socket or a daemon in it.</remarks>
public static partial class UserRunDirectory
{
    private const int WriteOk = 2;
    private const int ExecuteOk = 1;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static bool IsRoot => geteuid() == 0;

    public static uint EffectiveUid => geteuid();

    public static uint EffectiveGid => getegid();

    /// <summary>The run directory a CLI of this user talks to when SANLOCK_RUN_DIR is unset.</summary>
    public static string Resolve()
    {
        if (IsRoot || CanUse(Path.Combine(SanlockSocketPath.DefaultRunDirectory, SanlockSocketPath.SocketName)))
        {
            return SanlockSocketPath.DefaultRunDirectory;
        }
        return PerUser();
    }

    /// <summary>This user's own run directory (whether or not the system daemon is reachable).</summary>
    public static string PerUser() => ForUser(geteuid(), Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), CanWriteDirectory);

    /// <summary>The per-user choice alone (pure, for tests): XDG_RUNTIME_DIR/sanlock if usable, else /tmp/sanlock-UID.</summary>
    public static string ForUser(uint uid, string? xdgRuntimeDir, Func<string, bool> canWriteDirectory) =>
        !string.IsNullOrEmpty(xdgRuntimeDir) && Path.IsPathRooted(xdgRuntimeDir) && canWriteDirectory(xdgRuntimeDir)
            ? Path.Combine(xdgRuntimeDir, "sanlock")
            : $"/tmp/sanlock-{uid}";

    /// <summary>Creates <paramref name="directory"/> with mode 0700 if missing; returns why it cannot be used, or null.</summary>
    public static string? Prepare(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return "per-user run directories exist only on Linux";
        }
        try
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, OwnerOnly);
            }
            var info = new DirectoryInfo(directory);
            if (info.LinkTarget is not null)
            {
                return $"run directory {directory} is a symbolic link";
            }
            if (File.GetUnixFileMode(directory) != OwnerOnly || !CanWriteDirectory(directory))
            {
                return $"run directory {directory} must be a directory of mode 0700 owned by uid {geteuid()}";
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create run directory {directory}: {e.Message}";
        }
    }

    private static bool CanWriteDirectory(string path) => Directory.Exists(path) && access(path, WriteOk | ExecuteOk) == 0;

    private static bool CanUse(string socket) => File.Exists(socket) && access(socket, WriteOk) == 0;

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc")]
    private static partial uint getegid();

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int access(string path, int mode);
}
