using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.UnitTests.Protocol;

/// <summary>Pins every number that travels on the sanlock socket: command codes, flag bits, magic, structure sizes.
/// These are fixed by sanlock 3.8.5 (sanlock-wire-protocol.md §2–§4): append, never edit.</summary>
public class FrozenProtocolConstantsTests
{
    [Fact]
    public void HeaderConstants_AreFrozen()
    {
        Assert.Equal(32, SmHeader.Size);
        Assert.Equal(0x04282010u, SmHeader.SmMagic);
        Assert.Equal(1u, SmHeader.ProtocolVersion);
        Assert.Equal(0xFFFFFFFFu, SmHeader.TargetSelf);
        Assert.Equal(0x03080500u, SmHeader.DaemonVersion385);
    }

    [Fact]
    public void CommandCodes_AreFrozen()
    {
        (SmCommand Command, uint Code)[] expected =
        [
            (SmCommand.ShutdownComplete, 0), (SmCommand.Register, 1), (SmCommand.AddLockspace, 2), (SmCommand.RemLockspace, 3),
            (SmCommand.Shutdown, 4), (SmCommand.Status, 5), (SmCommand.LogDump, 6), (SmCommand.Acquire, 7),
            (SmCommand.Release, 8), (SmCommand.Inquire, 9), (SmCommand.Restrict, 10), (SmCommand.Request, 11),
            (SmCommand.Align, 12), (SmCommand.ExamineLockspace, 13), (SmCommand.ExamineResource, 14), (SmCommand.HostStatus, 15),
            (SmCommand.InqLockspace, 16), (SmCommand.KillPath, 17), (SmCommand.WriteLockspace, 18), (SmCommand.WriteResource, 19),
            (SmCommand.ReadLockspace, 20), (SmCommand.ReadResource, 21), (SmCommand.GetLockspaces, 22), (SmCommand.GetHosts, 23),
            (SmCommand.ReadResourceOwners, 24), (SmCommand.SetLvb, 25), (SmCommand.GetLvb, 26), (SmCommand.Convert, 27),
            (SmCommand.Version, 28), (SmCommand.ShutdownWait, 29), (SmCommand.RegEvent, 30), (SmCommand.EndEvent, 31),
            (SmCommand.SetEvent, 32), (SmCommand.SetConfig, 33), (SmCommand.Renewal, 34), (SmCommand.FormatRindex, 35),
            (SmCommand.UpdateRindex, 36), (SmCommand.LookupRindex, 37), (SmCommand.CreateResource, 38), (SmCommand.DeleteResource, 39),
            (SmCommand.RebuildRindex, 40),
        ];
        foreach ((SmCommand command, uint code) in expected)
        {
            Assert.Equal(code, (uint)command);
        }
        Assert.Equal(expected.Length, Enum.GetValues<SmCommand>().Length);
    }

    [Fact]
    public void ResourceAndLockspaceFlags_AreFrozen()
    {
        Assert.Equal(0x1u, (uint)ResourceFlags.Lver);
        Assert.Equal(0x2u, (uint)ResourceFlags.NumHosts);
        Assert.Equal(0x4u, (uint)ResourceFlags.Shared);
        Assert.Equal(0x8u, (uint)ResourceFlags.Persistent);
        Assert.Equal(0x10u, (uint)ResourceFlags.Align1M);
        Assert.Equal(0x20u, (uint)ResourceFlags.Align2M);
        Assert.Equal(0x40u, (uint)ResourceFlags.Align4M);
        Assert.Equal(0x80u, (uint)ResourceFlags.Align8M);
        Assert.Equal(0x100u, (uint)ResourceFlags.Sector512);
        Assert.Equal(0x200u, (uint)ResourceFlags.Sector4K);
        Assert.Equal(0x1u, (uint)LockspaceFlags.Add);
        Assert.Equal(0x2u, (uint)LockspaceFlags.Rem);
        Assert.Equal(0x110u, (uint)(LockspaceFlags.Align1M | LockspaceFlags.Sector512));
        Assert.Equal(0x200u, (uint)LockspaceFlags.Sector4K);
    }

    [Fact]
    public void CommandFlagsAndHeaderData_AreFrozen()
    {
        Assert.Equal(1u, CommandFlags.AddAsync);
        Assert.Equal(1u, CommandFlags.RemAsync);
        Assert.Equal(2u, CommandFlags.RemUnused);
        Assert.Equal(1u, CommandFlags.InqWait);
        Assert.Equal(1u, CommandFlags.AcquireLvb);
        Assert.Equal(2u, CommandFlags.AcquireOrphan);
        Assert.Equal(4u, CommandFlags.AcquireOrphanOnly);
        Assert.Equal(8u, CommandFlags.AcquireOwnerNowait);
        Assert.Equal(1u, CommandFlags.ReleaseAll);
        Assert.Equal(2u, CommandFlags.ReleaseRename);
        Assert.Equal(4u, CommandFlags.ReleaseOrphan);
        Assert.Equal(8u, CommandFlags.ConvertOwnerNowait);
        Assert.Equal(1u, CommandFlags.RequestNextLver);
        Assert.Equal(1u, CommandFlags.RestrictAll);
        Assert.Equal(2u, CommandFlags.RestrictSigkill);
        Assert.Equal(4u, CommandFlags.RestrictSigterm);
        Assert.Equal(1u, CommandFlags.KillPathPid);
        Assert.Equal(1u, CommandFlags.WriteClear);
        Assert.Equal(1u, CommandFlags.SetEventCurGeneration);
        Assert.Equal(2u, CommandFlags.SetEventClearHostId);
        Assert.Equal(4u, CommandFlags.SetEventClearEvent);
        Assert.Equal(8u, CommandFlags.SetEventReplaceEvent);
        Assert.Equal(0x10u, CommandFlags.SetEventAllHosts);
        Assert.Equal(1u, CommandFlags.RindexNoLockspace);
        Assert.Equal(0x10000u, CommandFlags.RindexUpdateAdd);
        Assert.Equal(0x20000u, CommandFlags.RindexUpdateRem);
        Assert.Equal(1u, HeaderData.RequestForce);
        Assert.Equal(2u, HeaderData.RequestGraceful);
        Assert.Equal(1u, HeaderData.ConfigUsed);
        Assert.Equal(2u, HeaderData.ConfigUnused);
        Assert.Equal(4u, HeaderData.ConfigUsedByOrphans);
        Assert.Equal(8u, HeaderData.ConfigUnusedByOrphans);
        Assert.Equal(3u, HeaderData.StatusLockspaces);
    }

    [Fact]
    public void HostStatesAndStateTypes_AreFrozen()
    {
        Assert.Equal(1u, (uint)HostState.Unknown);
        Assert.Equal(2u, (uint)HostState.Free);
        Assert.Equal(3u, (uint)HostState.Live);
        Assert.Equal(4u, (uint)HostState.Fail);
        Assert.Equal(5u, (uint)HostState.Dead);
        Assert.Equal(1u, (uint)StateType.Daemon);
        Assert.Equal(2u, (uint)StateType.Client);
        Assert.Equal(3u, (uint)StateType.Lockspace);
        Assert.Equal(4u, (uint)StateType.Resource);
        Assert.Equal(5u, (uint)StateType.Host);
        Assert.Equal(6u, (uint)StateType.Renewal);
    }

    [Fact]
    public void StructureSizes_AreFrozen()
    {
        Assert.Equal(1040, SanlkDisk.Size);
        Assert.Equal(128, SanlkResource.Size);
        Assert.Equal(1104, SanlkLockspace.Size);
        Assert.Equal(56, SanlkOptions.Size);
        Assert.Equal(32, SanlkHost.Size);
        Assert.Equal(32, SanlkHostEvent.Size);
        Assert.Equal(80, SanlkState.Size);
        Assert.Equal(1104, SanlkRindex.Size);
        Assert.Equal(64, SanlkRentry.Size);
        Assert.Equal(256, KillPath.Size);
        Assert.Equal(80, EventCallback.Size);
        Assert.Equal(8, ProtocolLimits.MaxResources);
        Assert.Equal(4, ProtocolLimits.MaxDisks);
        Assert.Equal(4096, ProtocolLimits.MaxLvb);
    }
}
