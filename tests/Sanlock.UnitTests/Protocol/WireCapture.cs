using System.Globalization;

namespace Sanlock.UnitTests.Protocol;

/// <summary>Which side sent a captured segment.</summary>
public enum WireDirection
{
    ClientToDaemon,
    DaemonToClient,
}

/// <summary>A maximal run of bytes sent in one direction (a <c>&gt; segment: N bytes</c> block).</summary>
public sealed record WireSegment(WireDirection Direction, byte[] Bytes);

/// <summary>One connection of a <c>wire-*.hex</c> capture.</summary>
public sealed class WireConnection
{
    public required int Number { get; init; }

    public required string Description { get; init; }

    public List<WireSegment> Segments { get; } = [];

    /// <summary>True when the daemon's bytes were cut (<c>… N further bytes omitted</c>).</summary>
    public bool DaemonTruncated { get; set; }

    public int OmittedDaemonBytes { get; set; }

    /// <summary>Who closed the connection first (<c>&gt; EOF</c> / <c>&lt; EOF</c>), or null when the capture shows no EOF.</summary>
    public WireDirection? ClosedFirstBy { get; set; }

    /// <summary>The capture's informative <c># header:</c> decodes, with the direction of the data that follows.</summary>
    public List<(WireDirection Direction, string Text)> AnnotatedHeaders { get; } = [];

    public byte[] Bytes(WireDirection direction) =>
        [.. Segments.Where(s => s.Direction == direction).SelectMany(s => s.Bytes)];

    public IEnumerable<byte[]> SegmentsOf(WireDirection direction) =>
        Segments.Where(s => s.Direction == direction).Select(s => s.Bytes);

    public override string ToString() => $"conn {Number} ({Description})";
}

/// <summary>Reads the socket captures <c>vectors/wire-*.hex</c> (format: vectors/README.md, "wire-*.hex").</summary>
public sealed class WireCapture
{
    private WireCapture(string name, List<WireConnection> connections)
    {
        Name = name;
        Connections = connections;
    }

    public string Name { get; }

    public IReadOnlyList<WireConnection> Connections { get; }

    public static WireCapture Load(string path) => Parse(Path.GetFileName(path), File.ReadAllLines(path));

    public static WireCapture Parse(string name, IReadOnlyList<string> lines)
    {
        var connections = new List<WireConnection>();
        WireConnection? current = null;
        var buffers = new Dictionary<WireDirection, List<byte>>();
        var declared = new Dictionary<WireDirection, int>();
        WireSegment? open = null;
        List<byte>? openBytes = null;
        int openDeclared = 0;

        void CloseSegment(int lineNo)
        {
            if (open is null)
            {
                return;
            }
            if (!(current!.DaemonTruncated && open.Direction == WireDirection.DaemonToClient)
                && openBytes!.Count != openDeclared)
            {
                throw new FormatException($"{name} line {lineNo}: segment declared {openDeclared} bytes, data lines gave {openBytes.Count}");
            }
            current.Segments.Add(open with { Bytes = [.. openBytes!] });
            open = null;
        }

        var pendingHeaders = new List<string>();
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            int lineNo = i + 1;
            if (line.StartsWith("# header: ", StringComparison.Ordinal))
            {
                pendingHeaders.Add(line["# header: ".Length..]);
                continue;
            }
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line.StartsWith("@conn ", StringComparison.Ordinal))
            {
                CloseSegment(lineNo);
                string rest = line[6..];
                int space = rest.IndexOf(' ', StringComparison.Ordinal);
                int number = int.Parse(space < 0 ? rest : rest[..space], CultureInfo.InvariantCulture);
                string description = space < 0 ? string.Empty : rest[space..].Trim().Trim('(', ')');
                current = new WireConnection { Number = number, Description = description };
                connections.Add(current);
                buffers = new() { [WireDirection.ClientToDaemon] = [], [WireDirection.DaemonToClient] = [] };
                continue;
            }
            if (current is null || line.Length < 2 || line[0] is not ('>' or '<') || line[1] != ' ')
            {
                throw new FormatException($"{name} line {lineNo}: unexpected line \"{line}\"");
            }
            WireDirection direction = line[0] == '>' ? WireDirection.ClientToDaemon : WireDirection.DaemonToClient;
            current.AnnotatedHeaders.AddRange(pendingHeaders.Select(h => (direction, h)));
            pendingHeaders.Clear();
            string body = line[2..];
            List<byte> stream = buffers[direction];
            if (body.StartsWith("segment: ", StringComparison.Ordinal))
            {
                CloseSegment(lineNo);
                openDeclared = int.Parse(body["segment: ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
                open = new WireSegment(direction, []);
                openBytes = [];
                continue;
            }
            if (body.StartsWith("EOF:", StringComparison.Ordinal))
            {
                current.ClosedFirstBy = direction;
                CloseSegment(lineNo);
                continue;
            }
            if (body.StartsWith("... ", StringComparison.Ordinal))
            {
                current.DaemonTruncated = direction == WireDirection.DaemonToClient;
                current.OmittedDaemonBytes = int.Parse(body.Split(' ')[1], CultureInfo.InvariantCulture);
                continue;
            }
            if (open is null || open.Direction != direction)
            {
                throw new FormatException($"{name} line {lineNo}: data outside a segment of its direction");
            }
            int colon = body.IndexOf(':', StringComparison.Ordinal);
            string offsetText = body[..colon];
            string data = body[(colon + 2)..];
            if (offsetText.Contains('-', StringComparison.Ordinal))
            {
                string[] range = offsetText.Split('-');
                int from = int.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                int to = int.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                ExpectOffset(name, lineNo, stream.Count, from);
                if (!data.StartsWith("zero (", StringComparison.Ordinal))
                {
                    throw new FormatException($"{name} line {lineNo}: a range line must be a zero run");
                }
                int count = to - from + 1;
                stream.AddRange(new byte[count]);
                openBytes!.AddRange(new byte[count]);
                continue;
            }
            int offset = int.Parse(offsetText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            ExpectOffset(name, lineNo, stream.Count, offset);
            int end = data.IndexOf("  ", StringComparison.Ordinal);
            string hex = (end < 0 ? data : data[..end]).Replace(" ", string.Empty, StringComparison.Ordinal);
            byte[] bytes = Convert.FromHexString(hex);
            stream.AddRange(bytes);
            openBytes!.AddRange(bytes);
        }
        CloseSegment(lines.Count);
        return new WireCapture(name, connections);
    }

    private static void ExpectOffset(string name, int lineNo, int actual, int declared)
    {
        if (actual != declared)
        {
            throw new FormatException($"{name} line {lineNo}: offset 0x{declared:x} but 0x{actual:x} bytes precede it");
        }
    }
}
