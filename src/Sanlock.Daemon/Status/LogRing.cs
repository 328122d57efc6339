using System.Text;

namespace Sanlock.Daemon.Status;

/// <summary>The last lines the daemon logged, for LOG_DUMP (§4.26): <c>YYYY-MM-DD HH:MM:SS monotime [tid]: message</c>,
/// newline-separated, at most 1 MiB.</summary>
public sealed class LogRing
{
    public const int MaxBytes = 1 << 20;
    private readonly object _gate = new();
    private readonly LinkedList<string> _lines = new();
    private int _bytes;

    public void Add(string message)
    {
        var line = $"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {Environment.TickCount64 / 1000} [{Environment.CurrentManagedThreadId}]: {message}";
        lock (_gate)
        {
            _lines.AddLast(line);
            _bytes += Encoding.UTF8.GetByteCount(line) + 1;
            while (_bytes > MaxBytes && _lines.First is { } first)
            {
                _bytes -= Encoding.UTF8.GetByteCount(first.Value) + 1;
                _lines.RemoveFirst();
            }
        }
    }

    public byte[] Dump()
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetBytes(string.Join('\n', _lines));
        }
    }
}
