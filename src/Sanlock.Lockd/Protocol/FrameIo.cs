using System.Net.Sockets;

namespace Sanlock.Lockd.Protocol;

/// <summary>Reads and writes whole frames on a connected stream socket; one request or reply at a time.</summary>
public static class FrameIo
{
    /// <returns>The body, or <c>null</c> on a clean end of stream before a frame started.</returns>
    /// <exception cref="LockdProtocolException">a bad length, or the stream ended inside a frame.</exception>
    public static async Task<byte[]?> ReadBodyAsync(Socket socket, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(socket);
        byte[] prefix = new byte[LockdWire.LengthPrefix];
        if (!await FillAsync(socket, prefix, allowCleanEnd: true, cancel).ConfigureAwait(false))
        {
            return null;
        }

        byte[] body = new byte[LockdWire.BodyLength(prefix)];
        await FillAsync(socket, body, allowCleanEnd: false, cancel).ConfigureAwait(false);
        return body;
    }

    public static async Task WriteAsync(Socket socket, byte[] frame, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(frame);
        int sent = 0;
        while (sent < frame.Length)
        {
            sent += await socket.SendAsync(frame.AsMemory(sent), SocketFlags.None, cancel).ConfigureAwait(false);
        }
    }

    private static async Task<bool> FillAsync(Socket socket, byte[] buffer, bool allowCleanEnd, CancellationToken cancel)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancel).ConfigureAwait(false);
            if (n == 0)
            {
                return read == 0 && allowCleanEnd
                    ? false
                    : throw new LockdProtocolException($"connection closed inside a frame ({read} of {buffer.Length} bytes)");
            }

            read += n;
        }

        return true;
    }
}
