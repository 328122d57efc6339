using System.Text;

namespace Sanlock.Protocol.Text;

/// <summary>The backslash escaping of lease paths inside resource and lockspace strings.</summary>
/// <remarks>sanlock-wire-protocol.md §6.1: exporting inserts a backslash before a space or colon that is not already
/// escaped, and copies an existing <c>\x</c> pair unchanged; parsing removes the backslashes.</remarks>
public static class SanlockPath
{
    public static string Export(string path)
    {
        var text = new StringBuilder(path.Length + 4);
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (c == '\\' && i + 1 < path.Length)
            {
                text.Append(c).Append(path[++i]);
                continue;
            }
            if (c is ' ' or ':')
            {
                text.Append('\\');
            }
            text.Append(c);
        }
        return text.ToString();
    }

    public static string Unescape(string field)
    {
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 1 < field.Length)
            {
                i++;
            }
            else if (field[i] == '\\')
            {
                continue;
            }
            text.Append(field[i]);
        }
        return text.ToString();
    }

    /// <summary>Splits at colons that are not escaped by a backslash; the pieces keep their backslashes.</summary>
    public static List<string> SplitColons(string text)
    {
        var fields = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == ':')
            {
                fields.Add(text[start..i]);
                start = i + 1;
            }
        }
        fields.Add(text[start..]);
        return fields;
    }
}
