using System.Globalization;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// Turns a captured <c>xxd -c 16</c> vector (sanlock-disk-format.md §10) back into the lease file it came from:
/// the dumped ranges at their offsets, zero elsewhere.
/// </summary>
internal static class VectorImage
{
    public static string PathOf(string name) => Path.Combine(SanlockBinaries.VectorsDirectory, name + ".hex");

    /// <summary>The disk-image vectors (not the wire captures).</summary>
    public static IEnumerable<string> DiskVectorNames() =>
        Directory.EnumerateFiles(SanlockBinaries.VectorsDirectory, "*.hex")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name is not null && !name.StartsWith("wire-", StringComparison.Ordinal))
            .Select(name => name!)
            .Order(StringComparer.Ordinal);

    /// <summary>The file image: 1 MiB, or more when the vector reaches beyond (rindex: 4 MiB as produced).</summary>
    public static byte[] Load(string name)
    {
        var lines = File.ReadAllLines(PathOf(name));
        var chunks = new List<(long Offset, byte[] Bytes)>();
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var offset = long.Parse(line.AsSpan(0, colon), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var hex = line.Substring(colon + 1, Math.Min(41, line.Length - colon - 1)).Replace(" ", "", StringComparison.Ordinal);
            chunks.Add((offset, Convert.FromHexString(hex)));
        }

        var end = chunks.Max(c => c.Offset + c.Bytes.Length);
        var size = name.StartsWith("rindex", StringComparison.Ordinal) ? 4L << 20 : Math.Max(1L << 20, end);
        var image = new byte[size];
        foreach (var (offset, bytes) in chunks)
        {
            bytes.CopyTo(image, offset);
        }
        return image;
    }
}
