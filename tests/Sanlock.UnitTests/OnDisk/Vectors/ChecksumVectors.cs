using System.Globalization;

namespace Sanlock.UnitTests.OnDisk.Vectors;

/// <summary>checksum_vectors.txt: "&lt;crc hex&gt; &lt;length&gt; &lt;input hex or -&gt; # description" per line.</summary>
internal static class ChecksumVectors
{
    public sealed record Vector(uint Crc, byte[] Input, string Description);

    public static IReadOnlyList<Vector> Load()
    {
        var vectors = new List<Vector>();
        string path = DiskVectors.PathOf("checksum_vectors.txt");
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int hash = line.IndexOf('#', StringComparison.Ordinal);
            string description = hash < 0 ? "" : line[(hash + 1)..].Trim();
            string[] parts = (hash < 0 ? line : line[..hash]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw new FormatException($"{path}:{i + 1}: expected \"<crc> <length> <hex>\", got \"{line}\"");
            }

            uint crc = uint.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int length = int.Parse(parts[1], CultureInfo.InvariantCulture);
            byte[] input = parts[2] == "-" ? [] : Convert.FromHexString(parts[2]);
            if (input.Length != length)
            {
                throw new FormatException($"{path}:{i + 1}: length {length} but {input.Length} bytes of input");
            }

            vectors.Add(new Vector(crc, input, description));
        }

        return vectors;
    }
}
