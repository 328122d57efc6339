namespace Sanlock.Cli.Common;

/// <summary>
/// Number parsing with the C library's forgiving rules, because the real CLI's users rely on them
/// (<c>-o abc</c> means 0, <c>512abc</c> means 512). Only used where sanlock itself parses that way.
/// </summary>
internal static class CNumbers
{
    /// <summary><c>atoi</c>: optional blanks and sign, then decimal digits up to the first non-digit; none gives 0.</summary>
    public static int Atoi(string text) => unchecked((int)Strtoll(text, out _));

    /// <summary>
    /// <c>strtoll(text, &amp;end, 10)</c>: the value of the leading decimal number (saturating at the long range)
    /// and how many characters it used (0 when there was no number).
    /// </summary>
    public static long Strtoll(string text, out int consumed)
    {
        var i = 0;
        while (i < text.Length && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r')))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var digitsStart = i;
        decimal value = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (value <= long.MaxValue)
            {
                value = (value * 10) + (text[i] - '0');
            }
            i++;
        }

        if (i == digitsStart)
        {
            consumed = 0;
            return 0;
        }

        consumed = i;
        if (negative)
        {
            return value > (decimal)long.MaxValue + 1 ? long.MinValue : (long)-value;
        }
        return value > long.MaxValue ? long.MaxValue : (long)value;
    }
}
