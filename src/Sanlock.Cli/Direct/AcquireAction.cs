using Sanlock.Cli.Common;
using Sanlock.Leases.Paxos;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct acquire -r LS:NAME:PATH:OFFSET[:LVER|:SH] -i HOST_ID -g GENERATION</c>: runs the paxos ballot on the lease
/// file as that host and prints <c>acquire done N</c>. A lease another host owns fails −241 (there is no lockspace to
/// prove it dead), as with the real CLI; the caller is responsible for holding HOST_ID in the lockspace.
/// </summary>
internal static class AcquireAction
{
    public static int Run(ReadOnlySpan<string> args, CliOutput output) =>
        DirectLeaseAction.Run(args, output, "acquire", async target =>
        {
            var options = new AcquireOptions
            {
                Mode = target.Resource.Shared ? LeaseMode.Shared : LeaseMode.Exclusive,
                ExpectedLver = target.Resource.Lver == 0 ? null : target.Resource.Lver,
            };
            var held = await target.Lease.AcquireAsync(target.Me, options).ConfigureAwait(false);
            return (DirectResult.Ok, $"lver {held.Lver}");
        });
}
