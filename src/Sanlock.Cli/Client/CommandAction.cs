using Sanlock.Client;
using Sanlock.Protocol.Structs;

namespace Sanlock.Cli.Client;

/// <summary><c>command -r RESOURCE… -c PATH ARGS…</c>: register, acquire on the registered connection, then exec
/// the command keeping the connection open, so the leases live exactly as long as the command (§1.4).</summary>
/// <remarks>The real CLI's progress lines sit in stdio's buffer when stdout is not a terminal and are lost by the
/// exec, so after a successful acquire they are printed only to a terminal [observed]. Without <c>-c</c> the real
/// CLI keeps the leases and waits forever; so does this one.</remarks>
internal static class CommandAction
{
    public static int Run(ClientContext context)
    {
        var pending = new StringWriter();
        RegisteredClient registered;
        pending.WriteLine("register");
        try
        {
            registered = RegisteredClient.Register(context.Client);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            pending.WriteLine($"register done {-SanlockClient.ErrnoOf(e)}");
            context.Output.Write(pending.ToString());
            return 1;
        }
        int fd = (int)registered.Connection.Socket.Handle;
        pending.WriteLine($"register done {fd}");
        pending.WriteLine($"acquire fd {fd}");
        int result = registered.Acquire(context.Options.Resources, SanlkOptions.Empty).Result;
        pending.WriteLine($"acquire done {result}");
        bool printed = result != 0 || !Console.IsOutputRedirected;
        if (printed)
        {
            context.Output.Write(pending.ToString());
            context.Output.Flush();
        }
        if (result != 0)
        {
            registered.Dispose();
            return 1;
        }
        if (context.Options.Command is not { Count: > 0 } command)
        {
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }
        int kept = NativeExec.KeepAcrossExec(fd);
        int failure = kept == 0 ? NativeExec.Exec(command[0], command) : kept;
        // As 3.8.5: perror to stderr, then the buffered progress lines reach stdout at exit, and the exit code is 0.
        Console.Error.WriteLine($"execv failed: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(-failure)}");
        if (!printed)
        {
            context.Output.Write(pending.ToString());
        }
        registered.Dispose();
        return 0;
    }
}
