using System.Text;

namespace Sanlock.Daemon.Killing;

/// <summary>Splits a KILLPATH argument string at white space not escaped by a backslash; <c>\ </c> and <c>\\</c>
/// stand for a space and a backslash (§4.7.6, §4.12).</summary>
public static class KillPathArgs
{
    public static List<string> Split(string args)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < args.Length; i++)
        {
            char c = args[i];
            if (c == '\\' && i + 1 < args.Length)
            {
                current.Append(args[++i]);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    result.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }
        return result;
    }
}
