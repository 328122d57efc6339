using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanlock.Lockd.Locking;
using Sanlock.Lockd.Native;

namespace Sanlock.Lockd.Daemon;

/// <summary>
/// SIGUSR1 (<c>systemctl reload</c>) re-executes the daemon without losing a lock, as virtlockd does (spec §6.5):
/// with every request blocked, the state is written to the run dir, close-on-exec is cleared on the listening
/// socket, the client sockets and the lock files, and the same binary is exec'd with the same arguments. Same pid and
/// the same open fds, so the kernel keeps every POSIX lock; the new image reads the state back and carries on.
/// </summary>
public sealed class RestartInPlace : IHostedService, IDisposable
{
    private const int SIGUSR1 = 10;
    private readonly LockdOptions _options;
    private readonly LockManager _locks;
    private readonly LockdListener _listener;
    private readonly LockdConnections _connections;
    private readonly ILogger _log;
    private PosixSignalRegistration? _registration;

    public RestartInPlace(LockdOptions options, LockManager locks, LockdListener listener, LockdConnections connections, ILogger<RestartInPlace> log)
    {
        _options = options;
        _locks = locks;
        _listener = listener;
        _connections = connections;
        _log = log;
    }

    /// <summary>Reads and deletes a state file; returns it only when an earlier image of this very process wrote it.</summary>
    public static RestartState? TakeState(string path, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var state = RestartState.Parse(File.ReadAllText(path));
            if (state.Magic == Environment.ProcessId)
            {
                return state;
            }

            warn($"ignoring {path}: written by pid {state.Magic}, not by this process");
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            warn($"ignoring {path}: {e.Message}");
        }
        finally
        {
            File.Delete(path);
        }

        return null;
    }

    /// <summary>Hands the listening socket and the clients of <paramref name="state"/> to the listener.</summary>
    public static void Adopt(RestartState state, LockManager locks, LockdListener listener)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(locks);
        ArgumentNullException.ThrowIfNull(listener);
        locks.Restore(state);
        var clients = state.Clients.Select(c =>
        {
            var session = new ClientSession(c.PeerPid, c.PeerUid);
            if (c.OwnerPid is { } owner)
            {
                session.Register(owner);
            }

            return (new Socket(new SafeSocketHandle(c.Fd, ownsHandle: true)), session);
        });
        listener.Adopt(new Socket(new SafeSocketHandle(state.ListenFd, ownsHandle: true)), clients, state.OwnsSocketPath);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create((PosixSignal)SIGUSR1, context =>
        {
            context.Cancel = true;
            ReExec();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();

    private void ReExec()
    {
        _locks.Frozen((owners, locks) =>
        {
            _listener.HandingOver = true;
            var clients = _connections.Snapshot()
                .Select(c => new RestartClient((int)c.Socket.SafeHandle.DangerousGetHandle(), c.Session.PeerPid, c.Session.PeerUid, c.Session.OwnerPid))
                .ToList();
            int listenFd = (int)_listener.ListeningSocketHandle!.SafeHandle.DangerousGetHandle();
            var state = new RestartState(Environment.ProcessId, listenFd, _listener.OwnsSocketPath, clients, owners, locks);
            File.WriteAllText(_options.StateFilePath, state.Format());
            int errno = 0;
            foreach (int fd in locks.Select(l => l.Fd).Concat(clients.Select(c => c.Fd)).Append(listenFd))
            {
                errno = errno != 0 ? errno : Exec.KeepAcrossExec(fd);
            }

            LockdLog.Restarting(_log, locks.Count, clients.Count);
            string[] argv = Environment.GetCommandLineArgs();
            argv[0] = Environment.ProcessPath ?? argv[0];
            if (errno == 0)
            {
                errno = Exec.Replace(argv[0], argv);
            }

            LockdLog.RestartFailed(_log, LibC.StrError(errno));
            File.Delete(_options.StateFilePath);
            _listener.HandingOver = false;
        });
    }
}
