using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Sanlock.OnDisk;

/// <summary>
/// sanlock's record checksum: reflected CRC-32C (polynomial 0x82F63B78) with the register preset to
/// 0xFFFFFFFE and no final inversion. This is not the standard CRC-32C output.
/// </summary>
/// <remarks>sanlock-disk-format.md §3. The CRC32C instructions compute the raw register update, so they
/// give the same result as the table once started from the same preset.</remarks>
public static class SanlockChecksum
{
    public const uint Preset = 0xFFFFFFFE;
    public const uint ReflectedPolynomial = 0x82F63B78;

    private static readonly uint[] _table = BuildTable();

    /// <summary>True when <see cref="ComputeWithHardware"/> can run on this CPU.</summary>
    public static bool IsHardwareAccelerated => Sse42.X64.IsSupported || Sse42.IsSupported || Crc32.Arm64.IsSupported || Crc32.IsSupported;

    public static uint Compute(ReadOnlySpan<byte> data) =>
        IsHardwareAccelerated ? ComputeWithHardware(data) : ComputeWithTable(data);

    /// <summary>The byte-wise table path (portable reference).</summary>
    public static uint ComputeWithTable(ReadOnlySpan<byte> data)
    {
        uint crc = Preset;
        foreach (byte b in data)
        {
            crc = _table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The CRC32C-instruction path; throws <see cref="PlatformNotSupportedException"/> without one.</summary>
    public static uint ComputeWithHardware(ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong crc = Preset;
            while (data.Length >= 8)
            {
                crc = Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            return Tail((uint)crc, data, static (c, b) => Sse42.Crc32(c, b));
        }

        if (Sse42.IsSupported)
        {
            uint crc = Preset;
            while (data.Length >= 4)
            {
                crc = Sse42.Crc32(crc, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[4..];
            }

            return Tail(crc, data, static (c, b) => Sse42.Crc32(c, b));
        }

        if (Crc32.Arm64.IsSupported)
        {
            uint crc = Preset;
            while (data.Length >= 8)
            {
                crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            return Tail(crc, data, static (c, b) => Crc32.ComputeCrc32C(c, b));
        }

        if (Crc32.IsSupported)
        {
            return Tail(Preset, data, static (c, b) => Crc32.ComputeCrc32C(c, b));
        }

        throw new PlatformNotSupportedException("no CRC32C instruction on this CPU; use ComputeWithTable");
    }

    private static uint Tail(uint crc, ReadOnlySpan<byte> data, Func<uint, byte, uint> step)
    {
        foreach (byte b in data)
        {
            crc = step(crc, b);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ ReflectedPolynomial : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
