using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.Cli.Client;

/// <summary><c>format</c>, <c>rebuild</c>, <c>create</c>, <c>delete</c>, <c>lookup</c>, <c>update</c>: the resource
/// index through the daemon (<c>-x LOCKSPACE:PATH:OFFSET</c>, <c>-e NAME[:OFFSET]</c>).</summary>
/// <remarks>sanlock-wire-protocol.md §4.32; libsanlock refuses a missing lockspace name or path with −22.</remarks>
internal static class RindexActions
{
    public static int Format(ClientContext context) =>
        Run(context, "format", rx => context.Client.FormatRindex(rx));

    public static int Rebuild(ClientContext context) =>
        Run(context, "rebuild", rx => context.Client.RebuildRindex(rx));

    public static int Create(ClientContext context) =>
        Run(context, "create_resource", rx => context.Client.CreateResource(rx, Entry(context)), printEntry: e => $"offset {e.Offset}");

    public static int Delete(ClientContext context) =>
        Run(context, "delete_resource", rx => context.Client.DeleteResource(rx, Entry(context)));

    public static int Lookup(ClientContext context) =>
        Run(context, "lookup", rx => context.Client.LookupRindex(rx, Entry(context)),
            printEntry: e => $"name {(e.Name.Length == 0 ? "-" : e.Name)} offset {e.Offset}");

    public static int Update(ClientContext context) =>
        Run(context, "update", rx => context.Client.UpdateRindex(rx, Entry(context),
            context.Options.Clear != 0 ? CommandFlags.RindexUpdateRem : CommandFlags.RindexUpdateAdd));

    private static int Run(ClientContext context, string label, Func<SanlkRindex, SanlockReply> call, Func<SanlkRentry, string>? printEntry = null)
    {
        SanlkRindex rindex = context.Rindex();
        SanlockReply? reply = rindex.LockspaceName.Length == 0 || rindex.Disk.Path.Length == 0 ? null : call(rindex);
        int result = reply?.Result ?? -22;
        context.Output.WriteLine($"{label} done {result}");
        if (result == 0 && printEntry is not null && reply!.Body is RentryReply entry)
        {
            context.Output.WriteLine(printEntry(entry.Entry));
        }
        return ClientContext.ExitCode(result);
    }

    private static SanlkRentry Entry(ClientContext context)
    {
        List<string> fields = SanlockPath.SplitColons(context.Options.OptionE ?? string.Empty);
        string name = LockspaceString.Truncate(fields[0], SanlkResource.NameSize);
        ulong offset = fields.Count > 1 ? ResourceString.ParseOffset(fields[1], allowMegabyteSuffix: true) : 0;
        return new SanlkRentry(name, offset);
    }
}
