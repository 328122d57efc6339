using System.Diagnostics;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Sanlock.Client;

/// <summary>Connects to the daemon of <see cref="RunDirectory"/>, and when nobody is there (ENOENT / ECONNREFUSED)
/// starts one — <c>BINARY daemon -w 0 -U uid -G gid</c> in a new session, detached, its output appended to
/// <c>RUN_DIR/sanlock.log</c> — then connects again through a Polly retry pipeline until it listens.</summary>
/// <remarks>For an unprivileged user's own daemon only (see <see cref="UserRunDirectory"/>); root clients never
/// start a daemon, so they fail as the real client does. Two clients racing to start one are harmless: the second
/// daemon finds sanlock.pid locked and exits, and both clients connect to the first.</remarks>
public sealed class DaemonAutoStart
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(15);
    private readonly ResiliencePipeline _connectRetry;
    private bool _started;

    public DaemonAutoStart(string runDirectory, string daemonBinary)
    {
        RunDirectory = runDirectory;
        DaemonBinary = daemonBinary;
        _connectRetry = new ResiliencePipelineBuilder()
            .AddTimeout(StartupLimit)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SocketException>(NoDaemon),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromMilliseconds(250),
                UseJitter = false,
            })
            .Build();
    }

    public string RunDirectory { get; }

    /// <summary>Where to say why a daemon could not be started (the CLI passes stderr); the failure itself surfaces as
    /// the connect's SocketException.</summary>
    public Action<string>? Report { get; init; }

    public string DaemonBinary { get; }

    public string SocketPath => Path.Combine(RunDirectory, SanlockSocketPath.SocketName);

    public string LogPath => Path.Combine(RunDirectory, "sanlock.log");

    /// <summary>True when a connect failure means "no daemon listens here" rather than e.g. EACCES.</summary>
    public static bool NoDaemon(SocketException e) => SanlockClient.ErrnoOf(e) is 2 or 111;

    public SanlockConnection Connect()
    {
        try
        {
            return SanlockConnection.Open(SocketPath);
        }
        catch (SocketException e) when (NoDaemon(e) && !_started)
        {
            StartDaemon();
        }
        try
        {
            return _connectRetry.Execute(static socket => SanlockConnection.Open(socket), SocketPath);
        }
        catch (TimeoutRejectedException)
        {
            string message = $"the daemon started for {RunDirectory} did not listen on {SocketPath} within {StartupLimit.TotalSeconds:0} s; see {LogPath}";
            Report?.Invoke(message);
            throw new SocketException((int)SocketError.ConnectionRefused, message);
        }
    }

    private void StartDaemon()
    {
        _started = true;
        string? problem = UserRunDirectory.Prepare(RunDirectory);
        if (problem is not null)
        {
            Report?.Invoke(problem);
            throw new SocketException((int)SocketError.AccessDenied, problem);
        }
        // sh gives the daemon /dev/null as stdin and the log as stdout/stderr (so it holds none of our pipes), and
        // setsid a session of its own (so the terminal's hangup or Ctrl-C does not reach it).
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (string arg in new[]
        {
            "-c", "exec setsid \"$@\" </dev/null >>\"$SANLOCK_AUTOSTART_LOG\" 2>&1", "sh",
            DaemonBinary, "daemon", "-w", "0", "-U", Uid(), "-G", Gid(),
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SANLOCK_RUN_DIR"] = RunDirectory;
        start.Environment["SANLOCK_AUTOSTART_LOG"] = LogPath;
        using Process shell = Process.Start(start) ?? throw new SocketException((int)SocketError.AddressNotAvailable, $"cannot start {DaemonBinary}");
    }

    private static string Uid() => UserRunDirectory.EffectiveUid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Gid() => UserRunDirectory.EffectiveGid.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
