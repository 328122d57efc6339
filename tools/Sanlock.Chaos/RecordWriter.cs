namespace Sanlock.Chaos;

/// <summary>Appends events to a records file, one flushed line each (thread-safe: a SIGTERM handler writes too).</summary>
public sealed class RecordWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public RecordWriter(string path) =>
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };

    public void Add(ChaosEvent e)
    {
        lock (_gate)
        {
            try
            {
                _writer.WriteLine(e.ToLine());
            }
            catch (IOException)
            {
                // A full file system: the history loses this line, the run goes on.
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    public static List<ChaosEvent> ReadAll(string dir) =>
        Directory.EnumerateFiles(dir, "*.tsv")
            .SelectMany(f => File.ReadLines(f))
            .Select(ChaosEvent.Parse)
            .OfType<ChaosEvent>()
            .OrderBy(e => e.Time)
            .ToList();
}
