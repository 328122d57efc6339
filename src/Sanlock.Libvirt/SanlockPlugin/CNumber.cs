namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>C <c>strtoull</c> semantics, which sanlock's string parsers inherit: lenient about what follows the number.</summary>
internal static class CNumber
{
    /// <summary>
    /// Skips leading white space, takes one optional sign, then as many digits as fit the base (0 = auto: <c>0x</c> hex,
    /// leading <c>0</c> octal, else decimal); the rest is ignored. A minus negates modulo 2^64; overflow saturates.
    /// </summary>
    /// <returns><c>false</c> when no digit was read.</returns>
    public static bool TryParseUInt64(string text, int fromBase, out ulong value)
    {
        value = 0;
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

        bool hexPrefix = i + 2 < text.Length && text[i] == '0' && (text[i + 1] is 'x' or 'X') && IsDigit(text[i + 2], 16);
        if ((fromBase is 0 or 16) && hexPrefix)
        {
            fromBase = 16;
            i += 2;
        }
        else if (fromBase == 0)
        {
            fromBase = i < text.Length && text[i] == '0' ? 8 : 10;
        }

        bool anyDigit = false;
        bool overflow = false;
        for (; i < text.Length && IsDigit(text[i], fromBase); i++)
        {
            anyDigit = true;
            ulong digit = (ulong)(char.IsAsciiDigit(text[i]) ? text[i] - '0' : (text[i] | 0x20) - 'a' + 10);
            if (value > (ulong.MaxValue - digit) / (ulong)fromBase)
            {
                overflow = true;
            }

            value = unchecked((value * (ulong)fromBase) + digit);
        }

        if (!anyDigit)
        {
            value = 0;
            return false;
        }

        if (overflow)
        {
            value = ulong.MaxValue;
        }
        else if (negative)
        {
            value = unchecked(0UL - value);
        }

        return true;
    }

    private static bool IsDigit(char c, int fromBase) => fromBase switch
    {
        8 => c is >= '0' and <= '7',
        16 => char.IsAsciiHexDigit(c),
        _ => char.IsAsciiDigit(c),
    };
}
