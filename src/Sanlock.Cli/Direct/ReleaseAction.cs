using Sanlock.Cli.Common;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct release -r LS:NAME:PATH:OFFSET -i HOST_ID -g GENERATION</c>: marks that host's dblock released and frees
/// the leader. Unlike the real CLI (which reports 0 and leaves the leader held), a lease this host and generation do
/// not own is left untouched and reported as −1.
/// </summary>
internal static class ReleaseAction
{
    public static int Run(ReadOnlySpan<string> args, CliOutput output) =>
        DirectLeaseAction.Run(args, output, "release", async target =>
        {
            if (await target.Lease.ReleaseIfHeldAsync(target.Me).ConfigureAwait(false))
            {
                return (DirectResult.Ok, null);
            }
            return (DirectResult.Fail(-1,
                $"{target.Resource.Lockspace}:{target.Resource.Name} is not held by host_id {target.Me.HostId} generation {target.Me.Generation}; nothing written"), null);
        });
}
