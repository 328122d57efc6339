using System.Buffers.Binary;
using System.Text;

namespace Sanlock.Chaos;

/// <summary>What became of a guarded write.</summary>
public enum WriteOutcome
{
    Accepted,
    RefusedStaleToken,
    Busy,
    IoError,
}

/// <summary>A disk the leases guard: an append-only record file (<c>disk-N.data</c>) beside a gate file
/// (<c>disk-N.gate</c>: the newest accepted tokens) under an flock (taken through FileShare.None), so that every process checks and appends in one
/// step. A write is accepted only if its token passes the <see cref="TokenGate"/>.</summary>
public static class GuardedDisk
{
    public static string DataPath(string dir, int disk) => Path.Combine(dir, $"disk-{disk}.data");

    public static string GatePath(string dir, int disk) => Path.Combine(dir, $"disk-{disk}.gate");

    public static void Create(string dir, int disk)
    {
        File.WriteAllBytes(GatePath(dir, disk), new byte[16]);
        File.WriteAllBytes(DataPath(dir, disk), []);
    }

    /// <summary>Appends <paramref name="record"/> if the token passes. A lock not obtained within
    /// <paramref name="lockWait"/> (its holder may be SIGSTOPped) is <see cref="WriteOutcome.Busy"/>.</summary>
    public static WriteOutcome Write(string dir, int disk, long token, bool exclusive, string record, TimeSpan lockWait, out int errno)
    {
        errno = 0;
        try
        {
            using var gate = OpenLocked(GatePath(dir, disk), lockWait);
            if (gate is null)
            {
                return WriteOutcome.Busy;
            }
            Span<byte> state = stackalloc byte[16];
            gate.ReadExactly(state);
            var current = new TokenGate(BinaryPrimitives.ReadInt64LittleEndian(state), BinaryPrimitives.ReadInt64LittleEndian(state[8..]));
            if (!current.Accepts(token, exclusive))
            {
                return WriteOutcome.RefusedStaleToken;
            }
            using (var data = new FileStream(DataPath(dir, disk), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                data.Write(Encoding.UTF8.GetBytes(record + "\n"));
                data.Flush(flushToDisk: true);
            }
            var next = current.After(token, exclusive);
            BinaryPrimitives.WriteInt64LittleEndian(state, next.NewestAny);
            BinaryPrimitives.WriteInt64LittleEndian(state[8..], next.NewestExclusive);
            gate.Position = 0;
            gate.Write(state);
            gate.Flush(flushToDisk: true);
            return WriteOutcome.Accepted;
        }
        catch (IOException e)
        {
            errno = e.HResult & 0xffff;
            return WriteOutcome.IoError;
        }
        catch (UnauthorizedAccessException)
        {
            errno = 13;
            return WriteOutcome.IoError;
        }
    }

    /// <summary>FileShare.None is an flock(LOCK_EX | LOCK_NB) on Linux: held until the stream is disposed or the
    /// process dies.</summary>
    private static FileStream? OpenLocked(string path, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (IsLocked(e) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
            catch (IOException e) when (IsLocked(e))
            {
                return null;
            }
        }
    }

    /// <summary>A lock held elsewhere: .NET reports the flock's EWOULDBLOCK as a sharing violation or as errno 11.</summary>
    private static bool IsLocked(IOException e) => e.HResult == unchecked((int)0x80070020) || (e.HResult & 0xffff) == 11;
}
