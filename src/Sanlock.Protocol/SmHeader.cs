using System.Buffers.Binary;

namespace Sanlock.Protocol;

/// <summary>The 32-byte header that starts every message in both directions.</summary>
/// <remarks>sanlock-wire-protocol.md §2. Replies copy the request header and overwrite version, length, data and
/// data2 (§2.1); <see cref="Data"/> then holds the signed result code.</remarks>
public readonly record struct SmHeader(
    uint Magic,
    uint Version,
    SmCommand Command,
    uint CmdFlags,
    uint Length,
    uint Seq,
    uint Data,
    uint Data2)
{
    public const int Size = 32;

    /// <summary>Bytes <c>10 20 28 04</c> on the wire.</summary>
    public const uint SmMagic = 0x04282010;

    /// <summary>Protocol version 0.1 (major in the upper 16 bits).</summary>
    public const uint ProtocolVersion = 0x00000001;

    /// <summary><c>data2</c> value meaning "the registered connection this request arrives on" (§1.5).</summary>
    public const uint TargetSelf = 0xFFFFFFFF;

    /// <summary>The daemon version 3.8.5 as VERSION reports it in data2 (§4.27).</summary>
    public const uint DaemonVersion385 = 0x03080500;

    /// <summary>The result code of a reply (<see cref="Data"/> as a signed value).</summary>
    public int Result => unchecked((int)Data);

    public ushort VersionMajor => (ushort)(Version >> 16);

    public ushort VersionMinor => (ushort)Version;

    /// <summary>A request header as the real clients build it: magic, version 1, seq 0.</summary>
    public static SmHeader ForRequest(SmCommand command, int bodyLength, uint cmdFlags = 0, uint data = 0, uint data2 = 0) =>
        new(SmMagic, ProtocolVersion, command, cmdFlags, checked((uint)(Size + bodyLength)), 0, data, data2);

    /// <summary>A reply header: the request echoed with version 1, the given length, result and data2 (§2.1).</summary>
    public SmHeader ToReply(int result, int payloadLength = 0, uint data2 = 0) =>
        this with { Version = ProtocolVersion, Length = checked((uint)(Size + payloadLength)), Data = unchecked((uint)result), Data2 = data2 };

    public static SmHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            ProtocolThrow.Truncated("sm_header", 0, Size, source.Length);
        }
        return new SmHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source),
            BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
            (SmCommand)BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[28..]));
    }

    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"sm_header needs {Size} bytes, the buffer has {destination.Length}", nameof(destination));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)Command);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], CmdFlags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Seq);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], Data);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], Data2);
    }

    public override string ToString() =>
        $"magic=0x{Magic:x8} version=0x{Version:x8} cmd={(uint)Command} cmd_flags=0x{CmdFlags:x} length={Length} seq={Seq} data={Result} data2={Data2}";
}
