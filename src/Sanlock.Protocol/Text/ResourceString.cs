using System.Text;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Text;

/// <summary>Resource strings <c>LOCKSPACE:NAME:PATH:OFFSET[:PATH:OFFSET …][:LVER|:SH]</c>.</summary>
/// <remarks>sanlock-wire-protocol.md §6.1: format as the daemon writes INQUIRE strings and as the client library's
/// res_to_str does; parse as str_to_res does (colon counting, SH / lver suffix, backslash removal).</remarks>
public static class ResourceString
{
    /// <summary>The daemon's / res_to_str form: names, exported paths and offsets, then <c>SH</c> or the lver.</summary>
    public static string Format(SanlkResource resource)
    {
        var text = new StringBuilder();
        text.Append(resource.LockspaceName).Append(':').Append(resource.Name);
        foreach (SanlkDisk disk in resource.Disks)
        {
            text.Append(':').Append(SanlockPath.Export(disk.Path)).Append(':').Append(disk.Offset);
        }
        text.Append(':');
        if ((resource.Flags & ResourceFlags.Shared) != 0)
        {
            text.Append("SH");
        }
        else
        {
            text.Append(resource.Lver);
        }
        return text.ToString();
    }

    /// <summary>Parses like str_to_res; offsets may carry the CLI's <c>M</c> (MiB) suffix when
    /// <paramref name="allowMegabyteSuffix"/>. Throws <see cref="FormatException"/> with the reason.</summary>
    public static SanlkResource Parse(string text, bool allowMegabyteSuffix = false)
    {
        List<string> fields = SanlockPath.SplitColons(text);
        int colons = fields.Count - 1;
        if (colons == 0 || colons == 2)
        {
            throw new FormatException($"resource string \"{text}\" needs LOCKSPACE:NAME:PATH:OFFSET");
        }
        int disks = (colons - 1) / 2;
        bool hasVersion = (colons - 1) % 2 == 1;
        if (disks > ProtocolLimits.MaxDisks)
        {
            throw new FormatException($"resource string \"{text}\" has {disks} disks (at most {ProtocolLimits.MaxDisks})");
        }
        string ls = CheckName(fields[0], "lockspace name", text);
        string name = CheckName(fields[1], "resource name", text);
        var diskList = new SanlkDisk[disks];
        for (int i = 0; i < disks; i++)
        {
            string path = SanlockPath.Unescape(fields[2 + (2 * i)]);
            if (path.Length == 0 || Encoding.UTF8.GetByteCount(path) > SanlkDisk.PathSize - 1)
            {
                throw new FormatException($"resource string \"{text}\": path {i + 1} is empty or longer than {SanlkDisk.PathSize - 1} bytes");
            }
            diskList[i] = new SanlkDisk(path, ParseOffset(fields[3 + (2 * i)], allowMegabyteSuffix));
        }
        ResourceFlags flags = ResourceFlags.None;
        ulong lver = 0;
        if (hasVersion)
        {
            string version = fields[^1];
            if (version.StartsWith("SH", StringComparison.Ordinal))
            {
                flags |= ResourceFlags.Shared;
            }
            else
            {
                lver = CNumber.ParseUnsignedAuto(version);
                flags |= ResourceFlags.Lver;
            }
        }
        return new SanlkResource(ls, name, lver, 0, 0, 0, flags, (uint)disks, diskList);
    }

    /// <summary>An offset as the CLI reads it: strtoull, times 1 MiB when followed by <c>M</c>.</summary>
    public static ulong ParseOffset(string field, bool allowMegabyteSuffix)
    {
        ulong value = CNumber.ParseUnsigned(field, 10, out int end);
        if (allowMegabyteSuffix && end > 0 && end < field.Length && field[end] == 'M')
        {
            value = unchecked(value * 1024 * 1024);
        }
        return value;
    }

    private static string CheckName(string field, string what, string text)
    {
        if (Encoding.UTF8.GetByteCount(field) > SanlkResource.NameSize)
        {
            throw new FormatException($"resource string \"{text}\": {what} is longer than {SanlkResource.NameSize} bytes");
        }
        return field;
    }
}
