using System.Text;

namespace Sanlock.OnDisk;

/// <summary>
/// A lockspace, resource or host name as stored on disk: a fixed 48-byte field, NUL-padded, with no
/// terminator when the name is 48 bytes long. Keeps the raw bytes so decode → encode is byte-identical
/// (even bytes after the first NUL). Text conversion uses UTF-8, the bytes a C program gets from argv.
/// </summary>
/// <remarks>sanlock-disk-format.md §1. <see cref="Equals(LeaseName)"/> compares all 48 bytes;
/// <see cref="Matches"/> compares the way sanlock validates names (up to the first NUL).</remarks>
public readonly struct LeaseName : IEquatable<LeaseName>
{
    public const int Size = 48;

    private static readonly byte[] _zero = new byte[Size];

    // Never mutated after construction; null means all zero (default / Empty).
    private readonly byte[]? _bytes;

    private LeaseName(byte[] bytes) => _bytes = bytes;

    /// <summary>The name from text; throws <see cref="ArgumentException"/> when its UTF-8 form exceeds 48 bytes or holds a NUL.</summary>
    public LeaseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"name \"{name.Replace("\0", "\\0", StringComparison.Ordinal)}\" contains a NUL character", nameof(name));
        }

        int length = Encoding.UTF8.GetByteCount(name);
        if (length > Size)
        {
            throw new ArgumentException($"name \"{name}\" is {length} bytes long; at most {Size} are allowed", nameof(name));
        }

        _bytes = new byte[Size];
        Encoding.UTF8.GetBytes(name, _bytes);
    }

    public static LeaseName Empty => default;

    /// <summary>The first 48 bytes of a field exactly as stored (shorter input is NUL-padded).</summary>
    public static LeaseName FromBytes(ReadOnlySpan<byte> field)
    {
        if (field.Length > Size)
        {
            field = field[..Size];
        }

        if (field.IndexOfAnyExcept((byte)0) < 0)
        {
            return default;
        }

        var bytes = new byte[Size];
        field.CopyTo(bytes);
        return new LeaseName(bytes);
    }

    /// <summary>True when the text is a valid name (≤ 48 UTF-8 bytes, no NUL).</summary>
    public static bool IsValid(string? name) =>
        name is not null && !name.Contains('\0', StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(name) <= Size;

    /// <summary>All 48 stored bytes.</summary>
    public ReadOnlySpan<byte> Field => _bytes ?? _zero;

    /// <summary>The bytes before the first NUL (at most 48).</summary>
    public ReadOnlySpan<byte> Value
    {
        get
        {
            ReadOnlySpan<byte> stored = Field;
            int end = stored.IndexOf((byte)0);
            return end < 0 ? stored : stored[..end];
        }
    }

    public bool IsEmpty => Value.IsEmpty;

    /// <summary>Writes the 48-byte field.</summary>
    public void WriteTo(Span<byte> destination) => Field.CopyTo(destination[..Size]);

    /// <summary>Name equality as sanlock checks it: at most 48 bytes, stopping at the first NUL.</summary>
    public bool Matches(LeaseName other) => Value.SequenceEqual(other.Value);

    public bool Equals(LeaseName other) => Field.SequenceEqual(other.Field);

    public override bool Equals(object? obj) => obj is LeaseName other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Field);
        return hash.ToHashCode();
    }

    /// <summary>The text before the first NUL, decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Value);

    public static bool operator ==(LeaseName left, LeaseName right) => left.Equals(right);

    public static bool operator !=(LeaseName left, LeaseName right) => !left.Equals(right);

    public static implicit operator LeaseName(string name) => new(name);

    /// <summary>Same as the constructor (and the implicit conversion) for languages without operators.</summary>
    public static LeaseName FromString(string name) => new(name);
}
