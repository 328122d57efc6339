using FsCheck.Xunit;
using Sanlock.OnDisk;
using Sanlock.UnitTests.OnDisk.Vectors;

namespace Sanlock.UnitTests.OnDisk;

public class SanlockChecksumTests
{
    public static TheoryData<string, int> VectorLines()
    {
        var data = new TheoryData<string, int>();
        var vectors = ChecksumVectors.Load();
        for (int i = 0; i < vectors.Count; i++)
        {
            data.Add(vectors[i].Description, i);
        }

        return data;
    }

    [Fact]
    public void VectorFile_HasTheDocumentedLines()
    {
        var vectors = ChecksumVectors.Load();
        Assert.Equal(6, vectors.Count);
        Assert.Contains(vectors, v => v.Input.Length == 0 && v.Crc == 0xFFFFFFFE);
    }

    [Theory]
    [MemberData(nameof(VectorLines))]
    public void TablePath_MatchesEveryVector(string description, int index)
    {
        var vector = ChecksumVectors.Load()[index];
        Assert.True(vector.Crc == SanlockChecksum.ComputeWithTable(vector.Input), description);
    }

    [Theory]
    [MemberData(nameof(VectorLines))]
    public void HardwarePath_MatchesEveryVector(string description, int index)
    {
        Assert.SkipUnless(SanlockChecksum.IsHardwareAccelerated, "no CRC32C instruction on this CPU");
        var vector = ChecksumVectors.Load()[index];
        Assert.True(vector.Crc == SanlockChecksum.ComputeWithHardware(vector.Input), description);
        Assert.True(vector.Crc == SanlockChecksum.Compute(vector.Input), description);
    }

    [Theory]
    [MemberData(nameof(VectorLines))]
    public void EveryInstructionPathOfThisCpu_MatchesEveryVector(string description, int index)
    {
        var vector = ChecksumVectors.Load()[index];
        var paths = new List<(string Name, Func<byte[], uint> Compute)>();
        if (System.Runtime.Intrinsics.X86.Sse42.X64.IsSupported)
        {
            paths.Add(("sse4.2 x64", d => SanlockChecksum.ComputeSse42X64(d)));
        }

        if (System.Runtime.Intrinsics.X86.Sse42.IsSupported)
        {
            paths.Add(("sse4.2 32-bit", d => SanlockChecksum.ComputeSse42(d)));
        }

        if (System.Runtime.Intrinsics.Arm.Crc32.Arm64.IsSupported)
        {
            paths.Add(("arm64 crc32", d => SanlockChecksum.ComputeArm64(d)));
        }

        if (System.Runtime.Intrinsics.Arm.Crc32.IsSupported)
        {
            paths.Add(("arm crc32", d => SanlockChecksum.ComputeArm(d)));
        }

        Assert.SkipWhen(paths.Count == 0, "no CRC32C instruction on this CPU");
        foreach (var (name, compute) in paths)
        {
            Assert.True(vector.Crc == compute(vector.Input), $"{name}: {description}");
        }
    }

    [Fact]
    public void HardwarePath_IsAvailableOnX64AndArm64Ci()
    {
        // CI runs on x86-64 (SSE4.2) or arm64 (CRC32 is mandatory in ARMv8.1); losing the fast path should be noticed.
        Assert.True(SanlockChecksum.IsHardwareAccelerated);
    }

    [Fact]
    public void Compute_IsNotTheStandardCrc32c()
    {
        // Spec §3: sanlock_crc(x) = NOT(std_crc32c(x)) XOR K(168); the same 168 bytes give 0x95E26C01 with standard CRC-32C.
        byte[] input = ChecksumVectors.Load().Single(v => v.Crc == 0xB0F174C0).Input;
        Assert.Equal(0x95E26C01u, ~(SanlockChecksum.ComputeWithTable(input) ^ 0xDAECE73Eu));
        Assert.NotEqual(0x95E26C01u, SanlockChecksum.Compute(input));
    }

    [Property(MaxTest = 300)]
    public bool HardwareAndTable_AgreeOnAnyInput(byte[] data)
    {
        data ??= [];
        return !SanlockChecksum.IsHardwareAccelerated || SanlockChecksum.ComputeWithHardware(data) == SanlockChecksum.ComputeWithTable(data);
    }

    [Property(MaxTest = 200)]
    public bool HardwareAndTable_AgreeOnEveryLengthAndMisalignment(byte seed, byte length, byte skip)
    {
        var buffer = new byte[length + skip];
        new Random(seed).NextBytes(buffer);
        var slice = buffer.AsSpan(skip);
        return !SanlockChecksum.IsHardwareAccelerated || SanlockChecksum.ComputeWithHardware(slice) == SanlockChecksum.ComputeWithTable(slice);
    }
}
