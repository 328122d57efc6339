using System.Text.Json;

namespace Sanlock.UnitTests.OnDisk.Vectors;

/// <summary>Typed access to expected.json fields with messages that name the missing key.</summary>
internal static class JsonFields
{
    public static ulong U64(this JsonElement record, string name) => Get(record, name).GetUInt64();

    public static uint U32(this JsonElement record, string name) => Get(record, name).GetUInt32();

    public static string Text(this JsonElement record, string name) => Get(record, name).GetString() ?? "";

    public static bool Flag(this JsonElement record, string name) => Get(record, name).GetBoolean();

    public static int[] Ints(this JsonElement record, string name) =>
        Get(record, name).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static bool Has(this JsonElement record, string name) => record.TryGetProperty(name, out _);

    private static JsonElement Get(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"expected.json record has no \"{name}\": {record}");
}
