using System.Text;

namespace Sanlock.Protocol.Text;

/// <summary>The INQUIRE state string: resource strings separated by single spaces.</summary>
/// <remarks>sanlock-wire-protocol.md §6.1: split like state_to_args — on spaces, except that a space occurring before
/// the third unescaped colon of a resource string belongs to that string.</remarks>
public static class StateString
{
    public static string Join(IEnumerable<string> resourceStrings) => string.Join(' ', resourceStrings);

    public static List<string> Split(string state)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        int colons = 0;
        for (int i = 0; i < state.Length; i++)
        {
            char c = state[i];
            if (c == '\\' && i + 1 < state.Length)
            {
                current.Append(c).Append(state[++i]);
                continue;
            }
            if (c == ':')
            {
                colons++;
            }
            if (c == ' ' && colons >= 3)
            {
                if (current.Length > 0)
                {
                    parts.Add(current.ToString());
                }
                current.Clear();
                colons = 0;
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0)
        {
            parts.Add(current.ToString());
        }
        return parts;
    }
}
