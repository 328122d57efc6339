using System.Text;
using Sanlock.Client;
using Sanlock.Protocol;
using Sanlock.Protocol.Replies;

namespace Sanlock.Cli.Client;

/// <summary><c>version</c>, <c>log_dump</c>, <c>shutdown</c>.</summary>
/// <remarks>sanlock-wire-protocol.md §4.6, §4.26, §4.27, §6.2.</remarks>
internal static class DaemonActions
{
    public static int Version(ClientContext context)
    {
        SanlockReply reply = context.Client.Version();
        uint daemon = 0;
        uint protocol = 0;
        if (reply.Result < 0)
        {
            context.Output.WriteLine($"daemon version error {reply.Result}");
        }
        else
        {
            daemon = reply.Header.Data2;
            protocol = reply.Header.Version;
        }
        context.Output.WriteLine($"client version 3.8.5 (0x{SmHeader.DaemonVersion385:x8})");
        context.Output.WriteLine($"daemon version {daemon >> 24}.{(daemon >> 16) & 0xFF}.{(daemon >> 8) & 0xFF} (0x{daemon:x8})");
        context.Output.WriteLine("client socket protocol 0.1");
        context.Output.WriteLine($"daemon socket protocol {protocol >> 16}.{protocol & 0xFFFF}");
        return 0;
    }

    public static int LogDump(ClientContext context)
    {
        SanlockReply reply = context.Client.LogDump();
        if (reply.Result < 0 || reply.Header.Version == 0)
        {
            return 1;
        }
        string text = reply.Body is BytesReply bytes ? Encoding.UTF8.GetString(bytes.Bytes.Span) : string.Empty;
        context.Output.Write(text);
        context.Output.Write('\n');
        return ClientContext.ExitCode(reply.Result);
    }

    public static int Shutdown(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine($"shutdown force {o.Force} wait {o.Wait}");
        int result = o.Wait != 0
            ? context.Client.ShutdownWait(o.Force != 0).Result
            : context.Client.Shutdown(o.Force != 0);
        context.Output.WriteLine($"shutdown done {result}");
        return ClientContext.ExitCode(result);
    }
}
