using System.Buffers.Binary;
using Sanlock.OnDisk;
using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// Damaged lease files (seeded, so a failure replays): random sectors, random leader fields including absurd
/// num_hosts, random mode blocks. Our dump and read_leader never crash, exit 0 or 1, print exactly what the real
/// CLI prints whenever we succeed, and otherwise print a prefix of it plus a reason on stderr.
/// </summary>
public sealed class DirectReadFuzzTests : IDisposable
{
    private readonly TempLeaseDir _dir = new("direct-fuzz");

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 16));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void DumpAndReadLeader_OfDamagedFile_NeverCrashAndNeverInvent(int seed)
    {
        var random = new Random(seed);
        var image = Damage(random);
        string[][] commands =
        [
            ["dump", "FILE"],
            ["dump", "FILE:0:2M"],
            ["read_leader", "-s", $"LS:{random.Next(1, 6)}:FILE:0"],
            ["read_leader", "-r", "LS:R1:FILE:0"],
        ];

        foreach (var command in commands)
        {
            var real = DirectRun.On(SanlockBinaries.Real, _dir.PathOf("real.lease"), image, command);
            var ours = DirectRun.On(SanlockBinaries.Ours, _dir.PathOf("ours.lease"), image, command);
            var context = $"seed {seed}, {string.Join(' ', command)}: ours {ours.Result}\nreal {real.Result}";

            Assert.True(ours.Result.ExitCode is 0 or 1, context);
            Assert.Equal(image, ours.FileAfter);
            var realText = real.StdoutWith(_dir.PathOf("real.lease"));
            var ourText = ours.StdoutWith(_dir.PathOf("ours.lease"));
            if (ours.Result.ExitCode == 0)
            {
                Assert.False(real.Result.Crashed, context);
                Assert.True(realText == ourText, context);
            }
            else
            {
                Assert.True(ours.Result.StderrText.Length > 0, context);
                Assert.True(real.Result.Crashed || realText.StartsWith(ourText, StringComparison.Ordinal), context);
            }
        }
    }

    public void Dispose() => _dir.Dispose();

    private static byte[] Damage(Random random)
    {
        var image = new byte[2 << 20];
        var isResource = random.Next(2) == 0;
        var first = isResource ? LeaseImages.Resource(numHosts: random.Next(0, 40)) : LeaseImages.Lockspace();
        first.CopyTo(image, 0);
        if (random.Next(3) == 0)
        {
            LeaseImages.Resource(name: "R2").CopyTo(image, 1 << 20);
        }

        for (var i = random.Next(1, 30); i > 0; i--)
        {
            var sector = random.Next(0, random.Next(2) == 0 ? 64 : 4096);
            var offset = sector * 512;
            switch (random.Next(4))
            {
                case 0:
                    random.NextBytes(image.AsSpan(offset, 512));
                    break;
                case 1:
                    LeaseImages.EditLeader(image, offset, l => l with
                    {
                        OwnerId = (ulong)random.Next(0, 3),
                        OwnerGeneration = (ulong)random.Next(0, 3),
                        Timestamp = (ulong)random.Next(0, 2) * (ulong)random.Next(),
                        NumHosts = random.Next(4) == 0 ? (ulong)random.NextInt64() : l.NumHosts,
                        Magic = random.Next(5) == 0 ? (uint)random.Next() : l.Magic,
                    }, keepOldChecksum: random.Next(3) == 0);
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(offset + ModeBlock.Offset), (uint)random.Next(0, 4));
                    BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(offset + ModeBlock.Offset + 8), (ulong)random.Next(0, 100000));
                    break;
                default:
                    image.AsSpan(offset, 512).Clear();
                    break;
            }
        }
        return image;
    }
}
