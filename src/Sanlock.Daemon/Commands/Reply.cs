namespace Sanlock.Daemon.Commands;

/// <summary>What the connection loop sends back for one request, and what it does with the connection afterwards.</summary>
/// <param name="Send">False for REGISTER, SHUTDOWN and ignored requests (3.8.5 sends nothing).</param>
/// <param name="Result">header.data.</param>
/// <param name="Data2">header.data2.</param>
/// <param name="Payload">Bytes after the header.</param>
/// <param name="LengthCountsPayload">False for STATUS/HOST_STATUS/RENEWAL/LOG_DUMP, whose header length stays 32 (§2.4).</param>
/// <param name="Close">The daemon closes the connection after the reply (§4.1 "Closes").</param>
public readonly record struct Reply(bool Send, int Result, uint Data2, byte[] Payload, bool LengthCountsPayload, bool Close)
{
    public static Reply None { get; } = new(false, 0, 0, [], true, false);

    public static Reply Of(int result, uint data2 = 0) => new(true, result, data2, [], true, false);

    public static Reply Of(OnDisk.SanlockError result, uint data2 = 0) => Of((int)result, data2);

    public static Reply WithPayload(int result, byte[] payload, uint data2 = 0) => new(true, result, data2, payload, true, false);

    /// <summary>Records that follow a length-32 header, then close (STATUS, HOST_STATUS, RENEWAL).</summary>
    public static Reply Records(int result, byte[] payload, uint data2) => new(true, result, data2, payload, false, true);

    public Reply Closing() => this with { Close = true };
}
