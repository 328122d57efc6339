using System.Buffers.Binary;
using System.Net.Sockets;

namespace Sanlock.Daemon.Native;

/// <summary>SO_PEERCRED of a connected UNIX socket: the pid, uid and gid of the process that called connect.</summary>
public readonly record struct PeerCredentials(int Pid, int Uid, int Gid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    public static PeerCredentials Unknown => new(-1, -1, -1);

    public static PeerCredentials Of(Socket socket)
    {
        Span<byte> ucred = stackalloc byte[12];
        try
        {
            int n = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
            if (n < 12)
            {
                return Unknown;
            }
        }
        catch (SocketException)
        {
            return Unknown;
        }
        return new PeerCredentials(
            BinaryPrimitives.ReadInt32LittleEndian(ucred),
            BinaryPrimitives.ReadInt32LittleEndian(ucred[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(ucred[8..]));
    }
}
