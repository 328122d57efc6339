using System.Globalization;

namespace Sanlock.Daemon.Hosting;

/// <summary>The run dir's sanlock.pid: held locked for the daemon's life so a second daemon on the same run dir
/// refuses to start; holds our pid.</summary>
public sealed class PidFile : IDisposable
{
    private readonly FileStream _stream;

    private PidFile(FileStream stream) => _stream = stream;

    public static PidFile? TryLock(string path, out string? error)
    {
        FileStream stream;
        try
        {
            // FileShare.None takes an exclusive advisory lock on Unix: a second daemon fails here.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            error = $"cannot lock {path}: another sanlock daemon is probably running on this run dir ({e.Message})";
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            error = $"cannot open {path}: {e.Message}";
            return null;
        }
        stream.SetLength(0);
        var text = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        stream.Write(text);
        stream.Flush();
        error = null;
        return new PidFile(stream);
    }

    public void Dispose() => _stream.Dispose();
}
