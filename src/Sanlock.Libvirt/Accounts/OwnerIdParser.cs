namespace Sanlock.Libvirt.Accounts;

/// <summary>
/// Turns the <c>user</c>/<c>group</c> settings into ids like libvirt does (spec §2.1, checked against the real
/// plugin): a name is looked up first, then the text is read as a number; a leading <c>+</c> skips the lookup.
/// </summary>
public static class OwnerIdParser
{
    /// <exception cref="LibvirtException"><c>invalid argument: Failed to parse user '…'</c>.</exception>
    public static uint ParseUser(string value, IAccountDatabase accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return Parse(value, "user", accounts.TryGetUserId);
    }

    /// <exception cref="LibvirtException"><c>invalid argument: Failed to parse group '…'</c>.</exception>
    public static uint ParseGroup(string value, IAccountDatabase accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return Parse(value, "group", accounts.TryGetGroupId);
    }

    private delegate bool LookUp(string name, out uint id);

    private static uint Parse(string value, string what, LookUp lookUp)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool numericOnly = value.StartsWith('+');
        string text = numericOnly ? value[1..] : value;
        if (!numericOnly && lookUp(text, out uint byName))
        {
            return byName;
        }

        if (TryParseId(text, out uint id))
        {
            return id;
        }

        // The message quotes the text after a leading '+', as libvirt does.
        throw new LibvirtException(LibvirtErrorCode.InvalidArgument, $"Failed to parse {what} '{text}'");
    }

    /// <summary>
    /// C <c>strtoul</c> in base 10 without trailing garbage: leading white space and one sign are allowed; a negative
    /// number of magnitude up to 2^32−1 wraps modulo 2^32 (so <c>"-1"</c> is 4294967295), anything larger fails.
    /// </summary>
    public static bool TryParseId(string text, out uint id)
    {
        ArgumentNullException.ThrowIfNull(text);
        id = 0;
        int i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        bool negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        if (i == text.Length)
        {
            return false;
        }

        ulong magnitude = 0;
        for (; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || magnitude > uint.MaxValue)
            {
                return false;
            }

            magnitude = (magnitude * 10) + (ulong)(text[i] - '0');
        }

        if (magnitude > uint.MaxValue)
        {
            return false;
        }

        id = negative ? unchecked((uint)(0UL - magnitude)) : (uint)magnitude;
        return true;
    }
}
