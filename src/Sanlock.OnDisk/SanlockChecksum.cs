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
            return ComputeSse42X64(data);
        }

        if (Sse42.IsSupported)
        {
            return ComputeSse42(data);
        }

        if (Crc32.Arm64.IsSupported)
        {
            return ComputeArm64(data);
        }

        if (Crc32.IsSupported)
        {
            return ComputeArm(data);
        }

        throw new PlatformNotSupportedException("no CRC32C instruction on this CPU; use ComputeWithTable");
    }

    internal static uint ComputeSse42X64(ReadOnlySpan<byte> data)
    {
        ulong crc64 = Preset;
        while (data.Length >= sizeof(ulong))
        {
            crc64 = Sse42.X64.Crc32(crc64, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        uint crc = (uint)crc64;
        foreach (byte b in data)
        {
            crc = Sse42.Crc32(crc, b);
        }

        return crc;
    }

    internal static uint ComputeSse42(ReadOnlySpan<byte> data)
    {
        uint crc = Preset;
        while (data.Length >= sizeof(uint))
        {
            crc = Sse42.Crc32(crc, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[sizeof(uint)..];
        }

        foreach (byte b in data)
        {
            crc = Sse42.Crc32(crc, b);
        }

        return crc;
    }

    internal static uint ComputeArm64(ReadOnlySpan<byte> data)
    {
        uint crc = Preset;
        while (data.Length >= sizeof(ulong))
        {
            crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (byte b in data)
        {
            crc = Crc32.ComputeCrc32C(crc, b);
        }

        return crc;
    }

    internal static uint ComputeArm(ReadOnlySpan<byte> data)
    {
        uint crc = Preset;
        foreach (byte b in data)
        {
            crc = Crc32.ComputeCrc32C(crc, b);
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
