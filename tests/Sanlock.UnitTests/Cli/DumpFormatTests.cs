using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sanlock.Cli.Common;
using Sanlock.Cli.Direct;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.Cli;

public class DumpFormatTests
{
    private static readonly LeaseGeometry _geometry = LeaseGeometry.Default;

    [Fact]
    public void LockspaceRows_PrintUsedSlotsInTheRealCliFormat()
    {
        var area = new byte[_geometry.AlignSize];
        LockspaceFormat.BuildCommitted(area, _geometry, "LS", 10);
        var slot = Leader.Decode(area.AsSpan(512)) with { OwnerId = 2, OwnerGeneration = 1, Timestamp = 9489, ResourceName = "hostB" };
        slot.Encode(area.AsSpan(512));
        var stdout = new StringWriter { NewLine = "\n" };

        Assert.True(DumpFormat.LockspaceRows(area, 0, _geometry, stdout));

        // as printed by the real sanlock 3.8.5 for lockspace_host_event
        Assert.Equal("00000512                                   LS                                            hostB 0000009489 0002 0001\n", stdout.ToString());
    }

    [Fact]
    public void ResourceRows_PrintLeaderWithLverAndSharedHolders()
    {
        var area = new byte[_geometry.AlignSize];
        ResourceFormat.Build(area, _geometry, "LS", "R2", 0);
        new ModeBlock { Flags = ModeBlock.FlagShared, Generation = 2 }.Encode(area.AsSpan((2 * 512) + ModeBlock.Offset));
        var output = new CliOutput(new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" });

        Assert.True(DumpFormat.ResourceRows(area, 0, _geometry, "/p", output));

        Assert.Equal(
            "00000000                                   LS                                               R2 0000000000 0000 0000 0\n" +
            new string(' ', 106) + "0001 0002 SH\n",
            output.Out.ToString());
    }

    [Property(MaxTest = 200)]
    public FsCheck.Property ResourceRows_WithAnyNumHosts_NeverReadsPastTheArea(ulong numHosts, int sharedHost)
    {
        var area = new byte[_geometry.AlignSize];
        var leader = ResourceFormat.Build(area, _geometry, "LS", "R", 0) with { NumHosts = numHosts };
        leader.Encode(area);
        var dblocks = (ulong)(_geometry.SectorsPerArea - 2);
        var host = (Math.Abs(sharedHost % (int)dblocks)) + 1;
        new ModeBlock { Flags = 1, Generation = 3 }.Encode(area.AsSpan(((host + 1) * 512) + ModeBlock.Offset));
        var output = new CliOutput(new StringWriter(), new StringWriter());

        var ok = DumpFormat.ResourceRows(area, 0, _geometry, "/p", output);

        var shown = output.Out.ToString()!.Contains(" SH", StringComparison.Ordinal);
        return (ok == (numHosts <= dblocks)
                && shown == (ok && (ulong)host <= numHosts)
                && (ok || output.Error.ToString()!.Contains($"num_hosts {numHosts}", StringComparison.Ordinal)))
            .ToProperty();
    }
}
