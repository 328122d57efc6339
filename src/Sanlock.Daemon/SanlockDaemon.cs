using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Spaces;
using Sanlock.Daemon.Resources;
using Sanlock.Daemon.Status;
using Sanlock.Daemon.Storage;
using Sanlock.Leases;

namespace Sanlock.Daemon;

/// <summary>The daemon's shared state: options, client slots, lockspaces, resources, the log ring, and shutdown.</summary>
public sealed class SanlockDaemon
{
    public SanlockDaemon(DaemonOptions options, ClientRegistry clients, SpaceManager spaces, ResourceManager resources,
        LogRing logRing, IMonotonicClock clock, IHostApplicationLifetime lifetime, ILoggerFactory loggers, LeaseDiskCache disks)
    {
        Disks = disks;
        Options = options;
        Clients = clients;
        Spaces = spaces;
        Resources = resources;
        LogRing = logRing;
        Clock = clock;
        Lifetime = lifetime;
        Loggers = loggers;
    }

    public DaemonOptions Options { get; }

    public LeaseDiskCache Disks { get; }

    /// <summary>Monotonic seconds at start-up.</summary>
    public ulong StartedAt { get; } = Leases.SystemMonotonicClock.Instance.NowSeconds;

    public ClientRegistry Clients { get; }

    public SpaceManager Spaces { get; }

    public ResourceManager Resources { get; }

    public LogRing LogRing { get; }

    public IMonotonicClock Clock { get; }

    public IHostApplicationLifetime Lifetime { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>Connections waiting for the SHUTDOWN_WAIT completion header (§4.6).</summary>
    public List<System.Net.Sockets.Socket> ShutdownWaiters { get; } = [];

    public int HostGid { get; set; }

    public int HostUid { get; set; }
}
