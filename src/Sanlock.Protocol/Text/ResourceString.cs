using System.Diagnostics.CodeAnalysis;
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
    public static SanlkResource Parse(string text, bool allowMegabyteSuffix = false) =>
        TryParse(text, allowMegabyteSuffix, out SanlkResource? resource, out int error)
            ? resource
            : throw new FormatException($"resource string \"{text}\" is invalid ({error}): expected LOCKSPACE:NAME:PATH:OFFSET[:PATH:OFFSET…][:LVER|:SH] with at most {ProtocolLimits.MaxDisks} disks");

    /// <summary>Parses like str_to_res. On failure <paramref name="error"/> is the code the real CLI prints in
    /// "resource arg parse error N": −6 no colon, −2 more than 4 disks, −1 otherwise (two colons, a name longer than
    /// 48 bytes, an empty or too long path) [observed on 3.8.5].</summary>
    public static bool TryParse(string text, bool allowMegabyteSuffix, [NotNullWhen(true)] out SanlkResource? resource, out int error)
    {
        resource = null;
        List<string> fields = SanlockPath.SplitColons(text);
        int colons = fields.Count - 1;
        if (colons == 0)
        {
            error = -6;
            return false;
        }
        int disks = (colons - 1) / 2;
        bool hasVersion = (colons - 1) % 2 == 1;
        if (disks > ProtocolLimits.MaxDisks)
        {
            error = -2;
            return false;
        }
        error = -1;
        if (colons == 2 || Encoding.UTF8.GetByteCount(fields[0]) > SanlkResource.NameSize
            || Encoding.UTF8.GetByteCount(fields[1]) > SanlkResource.NameSize)
        {
            return false;
        }
        var diskList = new SanlkDisk[disks];
        for (int i = 0; i < disks; i++)
        {
            string path = SanlockPath.Unescape(fields[2 + (2 * i)]);
            if (path.Length == 0 || Encoding.UTF8.GetByteCount(path) > SanlkDisk.PathSize - 1)
            {
                return false;
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
        error = 0;
        resource = new SanlkResource(fields[0], fields[1], lver, 0, 0, 0, flags, (uint)disks, diskList);
        return true;
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
}
