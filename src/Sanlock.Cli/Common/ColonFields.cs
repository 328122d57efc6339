using System.Text;

namespace Sanlock.Cli.Common;

/// <summary>
/// Splits the real CLI's colon-separated lease arguments. A backslash escapes the next character (so a path
/// can hold <c>\:</c>); the backslash itself is dropped from the field.
/// </summary>
internal static class ColonFields
{
    public static List<string> Split(string text)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (c == ':')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }

    /// <summary>
    /// An offset field: the leading decimal number (C <c>strtoll</c> rules), times 1 MiB when an <c>M</c> follows it.
    /// Returns false when the field has no number at all.
    /// </summary>
    public static bool TryParseOffset(string field, out long offset)
    {
        offset = CNumbers.Strtoll(field, out var used);
        if (used == 0)
        {
            return false;
        }
        if (used < field.Length && field[used] == 'M')
        {
            offset = offset > long.MaxValue >> 20 || offset < long.MinValue >> 20 ? -1 : offset << 20;
        }
        return true;
    }

    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);
}
