using System.Text.Json;

namespace Sanlock.UnitTests.OnDisk.Vectors;

/// <summary>expected.json: the decoded fields of every dumped sector of every disk vector.</summary>
internal static class ExpectedRecords
{
    private static readonly Lazy<JsonDocument> _document =
        new(() => JsonDocument.Parse(File.ReadAllBytes(DiskVectors.PathOf("expected.json"))));

    public static JsonElement Root => _document.Value.RootElement;

    public static JsonElement Of(string vectorFile) =>
        Root.TryGetProperty(vectorFile, out var element)
            ? element
            : throw new KeyNotFoundException($"expected.json has no entry for {vectorFile}");

    /// <summary>(sector index, record) of a vector with a "records" object ("sector_N" keys).</summary>
    public static IReadOnlyList<(int Sector, JsonElement Record)> Sectors(string vectorFile)
    {
        var list = new List<(int, JsonElement)>();
        foreach (var property in Of(vectorFile).GetProperty("records").EnumerateObject())
        {
            const string prefix = "sector_";
            if (!property.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new FormatException($"expected.json {vectorFile}: unexpected key {property.Name}");
            }

            list.Add((int.Parse(property.Name[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture), property.Value));
        }

        return list;
    }
}
