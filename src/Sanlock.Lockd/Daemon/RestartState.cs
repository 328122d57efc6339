using System.Globalization;
using System.Text;
using Sanlock.Libvirt.LockdPlugin;

namespace Sanlock.Lockd.Daemon;

/// <summary>A client connection handed over across a restart in place.</summary>
public sealed record RestartClient(int Fd, int PeerPid, int PeerUid, int? OwnerPid);

/// <summary>A held lock handed over: its still-open fd, what it locks, and its owner pids.</summary>
public sealed record RestartLock(int Fd, LockdResource Resource, string DiskPath, IReadOnlyList<int> Owners)
{
    public bool Equals(RestartLock? other) =>
        other is not null && Fd == other.Fd && Resource == other.Resource && DiskPath == other.DiskPath && Owners.SequenceEqual(other.Owners);

    public override int GetHashCode() => HashCode.Combine(Fd, Resource, DiskPath);
}

/// <summary>
/// What the daemon hands to the new image of itself on SIGUSR1 (spec §6.5, our format): fd numbers of the listening
/// socket, the clients and the lock files, owner start times, and a magic (the pid), so a file left behind by another
/// process is ignored. One record per line; strings base64. Pure.
/// </summary>
public sealed record RestartState(
    int Magic, int ListenFd, bool OwnsSocketPath, IReadOnlyList<RestartClient> Clients, IReadOnlyDictionary<int, ulong> Owners, IReadOnlyList<RestartLock> Locks)
{
    private const string Header = "sanlock-lockd-restart 1";

    public string Format()
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        Line(text, "magic", N(Magic));
        Line(text, "listen", N(ListenFd), OwnsSocketPath ? "1" : "0");
        foreach (var c in Clients)
        {
            Line(text, "client", N(c.Fd), N(c.PeerPid), N(c.PeerUid), N(c.OwnerPid ?? -1));
        }

        foreach (var (pid, start) in Owners.OrderBy(o => o.Key))
        {
            Line(text, "owner", N(pid), start.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var l in Locks)
        {
            var r = l.Resource;
            Line(text, "lock", N(l.Fd), r.Shared ? "1" : "0", r.AutoCreate ? "1" : "0", N((int)r.Scheme),
                B64(r.LockspaceDir), B64(r.Name), B64(l.DiskPath), string.Join(',', l.Owners.Select(N)));
        }

        return text.ToString();
    }

    /// <exception cref="FormatException">not a state file this version wrote.</exception>
    public static RestartState Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new FormatException("not a lockd restart state file");
        }

        int magic = 0;
        int listen = -1;
        bool owns = false;
        var clients = new List<RestartClient>();
        var owners = new Dictionary<int, ulong>();
        var locks = new List<RestartLock>();
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(' ');
            switch (f[0])
            {
                case "magic":
                    magic = I(f[1]);
                    break;
                case "listen":
                    listen = I(f[1]);
                    owns = f[2] == "1";
                    break;
                case "client":
                    clients.Add(new RestartClient(I(f[1]), I(f[2]), I(f[3]), I(f[4]) is var o && o > 0 ? o : null));
                    break;
                case "owner":
                    owners[I(f[1])] = ulong.Parse(f[2], NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "lock":
                    var resource = new LockdResource(S(f[5]), S(f[6]), f[2] == "1", f[3] == "1", (LockdNamingScheme)I(f[4]));
                    locks.Add(new RestartLock(I(f[1]), resource, S(f[7]), [.. f[8].Split(',').Select(I)]));
                    break;
                default:
                    throw new FormatException($"unknown record '{f[0]}'");
            }
        }

        return new RestartState(magic, listen, owns, clients, owners, locks);
    }

    private static void Line(StringBuilder text, params string[] fields) => text.AppendJoin(' ', fields).Append('\n');

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static int I(string s) => int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static string B64(string s) => s.Length == 0 ? "-" : Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static string S(string s) => s == "-" ? string.Empty : Encoding.UTF8.GetString(Convert.FromBase64String(s));
}
