using Sanlock.Libvirt;

namespace Sanlock.Lockd.Protocol;

/// <summary>A disk as a client names it: its absolute path and whether it is shared (<c>&lt;shareable/&gt;</c>).</summary>
public sealed record DiskRequest(string Path, bool Shared);

/// <summary>One request: REGISTER carries a pid, ACQUIRE/RELEASE a list of disks, INQUIRE nothing.</summary>
public sealed record LockdRequest(LockdOp Op, int Pid, IReadOnlyList<DiskRequest> Disks)
{
    public static LockdRequest Register(int pid) => new(LockdOp.Register, pid, []);

    public static LockdRequest Acquire(IReadOnlyList<DiskRequest> disks) => new(LockdOp.Acquire, 0, disks);

    public static LockdRequest Release(IReadOnlyList<DiskRequest> disks) => new(LockdOp.Release, 0, disks);

    public static LockdRequest Inquire() => new(LockdOp.Inquire, 0, []);

    public bool Equals(LockdRequest? other) =>
        other is not null && Op == other.Op && Pid == other.Pid && Disks.SequenceEqual(other.Disks);

    public override int GetHashCode() => HashCode.Combine(Op, Pid, Disks.Count);
}

/// <summary>A lock an owner holds, as INQUIRE reports it.</summary>
public sealed record LockInfo(string DiskPath, string LockFilePath, bool Shared, bool AutoCreate);

/// <summary>The reply to any request: success, or a libvirt-worded error; INQUIRE adds the owner's locks.</summary>
public sealed record LockdReply(LibvirtErrorCode? Error, string Message, IReadOnlyList<LockInfo> Locks)
{
    public static LockdReply Ok(IReadOnlyList<LockInfo>? locks = null) => new(null, string.Empty, locks ?? []);

    public static LockdReply Failed(LibvirtException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code, error.Detail, []);
    }

    /// <exception cref="LibvirtException">the daemon's error, re-raised with its code and wording.</exception>
    public LockdReply ThrowIfFailed() => Error is { } code ? throw new LibvirtException(code, Message) : this;

    public bool Equals(LockdReply? other) =>
        other is not null && Error == other.Error && Message == other.Message && Locks.SequenceEqual(other.Locks);

    public override int GetHashCode() => HashCode.Combine(Error, Message, Locks.Count);
}
