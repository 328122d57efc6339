namespace Sanlock.Libvirt.Conf;

/// <summary>
/// A parsed config file with libvirt's typed getters (spec §1.2): an absent key gives <c>null</c>, the first
/// occurrence of a duplicated key wins, and a value of the wrong type is an <c>internal error</c> naming the file
/// and the key.
/// </summary>
public sealed class LibvirtConf
{
    private readonly IReadOnlyList<ConfEntry> _entries;

    public LibvirtConf(string fileName, IReadOnlyList<ConfEntry> entries)
    {
        FileName = fileName;
        _entries = entries;
    }

    /// <summary>The file name as it appears in messages (as given, not made absolute).</summary>
    public string FileName { get; }

    /// <summary>Every statement in file order, duplicates included.</summary>
    public IReadOnlyList<ConfEntry> Entries => _entries;

    public ConfValue? GetValue(string key)
    {
        foreach (ConfEntry entry in _entries)
        {
            if (entry.Name == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public string? GetString(string key) => GetValue(key) switch
    {
        null => null,
        ConfString s => s.Value,
        _ => throw TypeError($"expected a string for '{key}' parameter"),
    };

    /// <summary>A bool key: only the unsigned numbers 0 and 1 are accepted.</summary>
    public bool? GetBool(string key) => GetValue(key) switch
    {
        null => null,
        ConfUnsigned { Value: 0 } => false,
        ConfUnsigned { Value: 1 } => true,
        ConfUnsigned => throw TypeError($"value for '{key}' parameter must be 0 or 1"),
        _ => throw TypeError($"expected a bool for '{key}' parameter"),
    };

    public uint? GetUInt(string key) => GetValue(key) switch
    {
        null => null,
        ConfUnsigned { Value: <= uint.MaxValue } u => (uint)u.Value,
        ConfUnsigned => throw TypeError($"value for '{key}' parameter must be in range 0:{uint.MaxValue}"),
        _ => throw TypeError($"expected an unsigned integer for '{key}' parameter"),
    };

    /// <summary>A list whose elements are all strings; a list holding anything else is reported as a syntax error.</summary>
    public IReadOnlyList<string>? GetStringList(string key)
    {
        switch (GetValue(key))
        {
            case null:
                return null;
            case ConfList list:
                var result = new List<string>(list.Items.Length);
                foreach (ConfValue item in list.Items)
                {
                    if (item is not ConfString s)
                    {
                        throw new LibvirtException(
                            LibvirtErrorCode.ConfigSyntax, $"{FileName}: expected a string list for '{key}' parameter");
                    }

                    result.Add(s.Value);
                }

                return result;
            default:
                throw TypeError($"expected a string list for '{key}' parameter");
        }
    }

    private LibvirtException TypeError(string what) => new(LibvirtErrorCode.InternalError, $"{FileName}: {what}");
}
