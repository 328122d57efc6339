using Sanlock.Cli.Common;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct acquire_id|renew_id|release_id -s LS:HOST_ID:PATH:OFFSET [-o IO_TIMEOUT]</c>: a host's delta lease
/// without a daemon. acquire_id waits as joining does (8T+60 s when the slot is held by a live-looking host, then
/// −262); renew_id and release_id act on whatever record the slot holds and fail −22 when that host_id was never
/// acquired. The real CLI labels renew_id's result "rewew_id"; scripts compare that text, so it is kept.
/// </summary>
internal static class DeltaLeaseActions
{
    public static int AcquireId(ReadOnlySpan<string> args, CliOutput output) =>
        DirectLeaseAction.Run<DirectDeltaTarget>(args, output, "acquire_id", "acquire_id", DirectDeltaTarget.Open, async target =>
        {
            await target.Lease.AcquireAsync().ConfigureAwait(false);
            return (DirectResult.Ok, $"generation {target.Lease.Generation}");
        });

    public static int RenewId(ReadOnlySpan<string> args, CliOutput output) =>
        DirectLeaseAction.Run<DirectDeltaTarget>(args, output, "renew_id", "rewew_id", DirectDeltaTarget.Open, async target =>
        {
            await target.Lease.ResumeAsync().ConfigureAwait(false);
            await target.Lease.RenewAsync(Leases.Delta.HostEvent.None, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
            return (DirectResult.Ok, $"timestamp {target.Lease.LastSuccess}");
        });

    public static int ReleaseId(ReadOnlySpan<string> args, CliOutput output) =>
        DirectLeaseAction.Run<DirectDeltaTarget>(args, output, "release_id", "release_id", DirectDeltaTarget.Open, async target =>
        {
            await target.Lease.ResumeAsync().ConfigureAwait(false);
            await target.Lease.ReleaseAsync().ConfigureAwait(false);
            return (DirectResult.Ok, null);
        });
}
