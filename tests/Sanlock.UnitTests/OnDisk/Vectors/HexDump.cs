using System.Globalization;

namespace Sanlock.UnitTests.OnDisk.Vectors;

/// <summary>
/// An <c>xxd -c 16</c> dump: a "#" header line, then lines "OFFSET: 8 groups of 4 hex digits, two spaces, ASCII".
/// Several ranges may follow each other (the offset jumps); within a range no line is skipped.
/// </summary>
internal sealed class HexDump
{
    private readonly List<(long Offset, byte[] Bytes)> _ranges;

    private HexDump(string header, List<(long Offset, byte[] Bytes)> ranges)
    {
        Header = header;
        _ranges = ranges;
    }

    public string Header { get; }

    public IReadOnlyList<(long Offset, byte[] Bytes)> Ranges => _ranges;

    public static HexDump Load(string path) => Parse(File.ReadAllLines(path), path);

    public static HexDump Parse(IReadOnlyList<string> lines, string source)
    {
        string header = "";
        var ranges = new List<(long Offset, byte[] Bytes)>();
        long rangeStart = -1;
        long next = -1;
        var current = new List<byte>();
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                header = header.Length == 0 ? line[1..].Trim() : header;
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"{source}:{i + 1}: no offset in \"{line}\"");
            }

            long offset = long.Parse(line.AsSpan(0, colon), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            byte[] bytes = ParseBytes(line, colon + 1, source, i + 1);
            if (offset != next)
            {
                if (current.Count > 0)
                {
                    ranges.Add((rangeStart, current.ToArray()));
                }

                current.Clear();
                rangeStart = offset;
            }

            current.AddRange(bytes);
            next = offset + bytes.Length;
        }

        if (current.Count > 0)
        {
            ranges.Add((rangeStart, current.ToArray()));
        }

        return new HexDump(header, ranges);
    }

    /// <summary>The bytes at [offset, offset+length); throws when the dump does not cover all of them.</summary>
    public byte[] Read(long offset, int length)
    {
        foreach (var (start, bytes) in _ranges)
        {
            if (offset >= start && offset + length <= start + bytes.Length)
            {
                return bytes.AsSpan((int)(offset - start), length).ToArray();
            }
        }

        throw new ArgumentOutOfRangeException(nameof(offset), offset, $"the dump does not cover {length} bytes at 0x{offset:x}");
    }

    private static byte[] ParseBytes(string line, int start, string source, int lineNumber)
    {
        // Hex groups end at the double space that precedes the ASCII column.
        int end = line.IndexOf("  ", start + 1, StringComparison.Ordinal);
        string hex = (end < 0 ? line[start..] : line[start..end]).Replace(" ", "", StringComparison.Ordinal);
        if (hex.Length == 0 || hex.Length % 2 != 0 || hex.Length > 32)
        {
            throw new FormatException($"{source}:{lineNumber}: bad hex bytes in \"{line}\"");
        }

        return Convert.FromHexString(hex);
    }
}
