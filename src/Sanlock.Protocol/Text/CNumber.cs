namespace Sanlock.Protocol.Text;

/// <summary>Number parsing the way the real CLI's C library calls behave (strtoull/atoi: a leading number, base
/// auto-detection, trailing garbage ignored, nothing parsed ⇒ 0).</summary>
public static class CNumber
{
    /// <summary>strtoull(text, NULL, 0): "0x…" hex, leading "0" octal, else decimal.</summary>
    public static ulong ParseUnsignedAuto(string text) => ParseUnsigned(text, 0, out _);

    /// <summary>strtoull with an explicit base (0 = auto); <paramref name="end"/> is the index after the digits.</summary>
    public static ulong ParseUnsigned(string text, int numberBase, out int end)
    {
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        bool negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        if ((numberBase is 0 or 16) && i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X'
            && i + 2 < text.Length && Uri.IsHexDigit(text[i + 2]))
        {
            numberBase = 16;
            i += 2;
        }
        else if (numberBase == 0)
        {
            numberBase = i < text.Length && text[i] == '0' ? 8 : 10;
        }
        ulong value = 0;
        int start = i;
        for (; i < text.Length; i++)
        {
            int digit = DigitOf(text[i]);
            if (digit < 0 || digit >= numberBase)
            {
                break;
            }
            value = unchecked((value * (ulong)numberBase) + (ulong)digit);
        }
        end = i == start ? 0 : i;
        return negative ? unchecked(0 - value) : value;
    }

    /// <summary>atoi(text): leading decimal integer, 0 when none.</summary>
    public static int Atoi(string text)
    {
        ulong value = ParseUnsigned(text, 10, out _);
        return unchecked((int)value);
    }

    private static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };
}
