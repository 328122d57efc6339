using Sanlock.Protocol;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Structs;

namespace Sanlock.Client;

/// <summary>A registered connection: REGISTER (no reply), then ACQUIRE / RELEASE / INQUIRE / CONVERT / RESTRICT /
/// KILLPATH on the same connection with data2 = −1 ("self"). The daemon releases every lease held through it when
/// the connection closes (dispose = the holder's death).</summary>
/// <remarks>sanlock-wire-protocol.md §1.4, §1.5, §4.2.</remarks>
public sealed class RegisteredClient : IDisposable
{
    private readonly SanlockConnection _connection;

    private RegisteredClient(SanlockConnection connection) => _connection = connection;

    public SanlockConnection Connection => _connection;

    public static RegisteredClient Register(string? socketPath = null) => Register(SanlockConnection.Open(socketPath));

    /// <summary>Registers on a connection <paramref name="client"/> opens (which may start the daemon).</summary>
    public static RegisteredClient Register(SanlockClient client) => Register(client.Connect());

    private static RegisteredClient Register(SanlockConnection connection)
    {
        try
        {
            connection.Send(SmCommand.Register, EmptyBody.Instance);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new RegisteredClient(connection);
    }

    public SanlockReply Acquire(IReadOnlyList<SanlkResource> resources, SanlkOptions options, uint flags = 0) =>
        _connection.Execute(SmCommand.Acquire, new AcquireBody(resources, options), flags, (uint)resources.Count, SmHeader.TargetSelf);

    public SanlockReply Release(IReadOnlyList<SanlkResource> resources, uint flags = 0) =>
        _connection.Execute(SmCommand.Release, new ResourcesBody(SanlockClient.WithoutDisks(resources)), flags, (uint)resources.Count, SmHeader.TargetSelf);

    public SanlockReply Inquire() => _connection.Execute(SmCommand.Inquire, EmptyBody.Instance, data2: SmHeader.TargetSelf);

    public SanlockReply Convert(SanlkResource resource, uint flags = 0) =>
        _connection.Execute(SmCommand.Convert, new ResourcesBody(SanlockClient.WithoutDisks([resource])), flags, data2: SmHeader.TargetSelf);

    public SanlockReply Restrict(uint flags) => _connection.Execute(SmCommand.Restrict, EmptyBody.Instance, flags, data2: SmHeader.TargetSelf);

    public SanlockReply KillPath(string path, string args, uint flags = 0) =>
        _connection.Execute(SmCommand.KillPath, new KillPathBody(new KillPath(path, args)), flags, data2: SmHeader.TargetSelf);

    public void Dispose() => _connection.Dispose();
}
