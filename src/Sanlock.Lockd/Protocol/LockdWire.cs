using System.Buffers.Binary;
using System.Text;
using Sanlock.Libvirt;

namespace Sanlock.Lockd.Protocol;

/// <summary>
/// Encodes and decodes our lockd frames (PROTOCOL.md): a 4-byte big-endian body length, then the body. Strings are a
/// 2-byte big-endian length and UTF-8 bytes. Lengths are checked against the caps before anything is allocated.
/// </summary>
public static class LockdWire
{
    public const int MaxBody = 1 << 20;
    public const int MaxDisks = 4096;
    public const int MaxString = 4096;
    public const int LengthPrefix = 4;
    private const byte SharedFlag = 1;
    private const byte AutoCreateFlag = 2;

    public static byte[] Encode(LockdRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var w = new Writer();
        w.Byte((byte)request.Op);
        switch (request.Op)
        {
            case LockdOp.Register:
                w.Int32(request.Pid);
                break;
            case LockdOp.Acquire or LockdOp.Release:
                w.UInt16(checked((ushort)request.Disks.Count));
                foreach (var disk in request.Disks)
                {
                    w.Byte(disk.Shared ? SharedFlag : (byte)0);
                    w.String(disk.Path);
                }

                break;
        }

        return w.Frame();
    }

    public static byte[] Encode(LockdReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var w = new Writer();
        w.Byte(reply.Error is { } code ? (byte)((int)code + 1) : (byte)0);
        w.String(reply.Message);
        w.UInt16(checked((ushort)reply.Locks.Count));
        foreach (var l in reply.Locks)
        {
            w.Byte((byte)((l.Shared ? SharedFlag : 0) | (l.AutoCreate ? AutoCreateFlag : 0)));
            w.String(l.DiskPath);
            w.String(l.LockFilePath);
        }

        return w.Frame();
    }

    /// <summary>The body length from a frame's 4-byte prefix.</summary>
    /// <exception cref="LockdProtocolException">longer than <see cref="MaxBody"/>.</exception>
    public static int BodyLength(ReadOnlySpan<byte> prefix)
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        return length is 0 or > MaxBody ? throw new LockdProtocolException($"frame length {length} outside 1..{MaxBody}") : (int)length;
    }

    /// <exception cref="LockdProtocolException">a malformed body.</exception>
    public static LockdRequest DecodeRequest(ReadOnlySpan<byte> body)
    {
        var r = new Reader(body);
        var op = (LockdOp)r.Byte();
        LockdRequest request = op switch
        {
            LockdOp.Register => LockdRequest.Register(r.Int32()),
            LockdOp.Acquire => LockdRequest.Acquire(ReadDisks(ref r)),
            LockdOp.Release => LockdRequest.Release(ReadDisks(ref r)),
            LockdOp.Inquire => LockdRequest.Inquire(),
            _ => throw new LockdProtocolException($"unknown request code {(byte)op}"),
        };
        r.End();
        return request;
    }

    /// <exception cref="LockdProtocolException">a malformed body.</exception>
    public static LockdReply DecodeReply(ReadOnlySpan<byte> body)
    {
        var r = new Reader(body);
        byte status = r.Byte();
        LibvirtErrorCode? error = status == 0 ? null : (LibvirtErrorCode)(status - 1);
        if (error is { } e && !Enum.IsDefined(e))
        {
            throw new LockdProtocolException($"unknown status {status}");
        }

        string message = r.String();
        int count = r.UInt16();
        var locks = new List<LockInfo>(Math.Min(count, MaxDisks));
        for (int i = 0; i < count; i++)
        {
            byte flags = r.Byte();
            string disk = r.String();
            string file = r.String();
            locks.Add(new LockInfo(disk, file, (flags & SharedFlag) != 0, (flags & AutoCreateFlag) != 0));
        }

        r.End();
        return new LockdReply(error, message, locks);
    }

    private static List<DiskRequest> ReadDisks(ref Reader r)
    {
        int count = r.UInt16();
        if (count > MaxDisks)
        {
            throw new LockdProtocolException($"{count} disks in one request, more than {MaxDisks}");
        }

        var disks = new List<DiskRequest>(count);
        for (int i = 0; i < count; i++)
        {
            byte flags = r.Byte();
            disks.Add(new DiskRequest(r.String(), (flags & SharedFlag) != 0));
        }

        return disks;
    }

    private sealed class Writer
    {
        private readonly List<byte> _bytes = [0, 0, 0, 0];

        public void Byte(byte value) => _bytes.Add(value);

        public void UInt16(ushort value)
        {
            _bytes.Add((byte)(value >> 8));
            _bytes.Add((byte)value);
        }

        public void Int32(int value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(b, value);
            _bytes.AddRange(b);
        }

        public void String(string value)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            if (utf8.Length > MaxString)
            {
                throw new ArgumentException($"string of {utf8.Length} bytes, more than {MaxString}: {value[..40]}…", nameof(value));
            }

            UInt16((ushort)utf8.Length);
            _bytes.AddRange(utf8);
        }

        public byte[] Frame()
        {
            byte[] frame = [.. _bytes];
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - LengthPrefix));
            return frame;
        }
    }

    private ref struct Reader
    {
        private ReadOnlySpan<byte> _rest;

        public Reader(ReadOnlySpan<byte> body) => _rest = body;

        public byte Byte() => Take(1)[0];

        public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public string String()
        {
            int length = UInt16();
            if (length > MaxString)
            {
                throw new LockdProtocolException($"string of {length} bytes, more than {MaxString}");
            }

            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
            }
            catch (DecoderFallbackException)
            {
                throw new LockdProtocolException("string is not valid UTF-8");
            }
        }

        public readonly void End()
        {
            if (_rest.Length != 0)
            {
                throw new LockdProtocolException($"{_rest.Length} unexpected bytes after the message");
            }
        }

        private ReadOnlySpan<byte> Take(int n)
        {
            if (_rest.Length < n)
            {
                throw new LockdProtocolException($"message truncated: needed {n} more bytes, {_rest.Length} left");
            }

            var taken = _rest[..n];
            _rest = _rest[n..];
            return taken;
        }
    }
}
