using System.Collections.Immutable;

namespace Sanlock.Libvirt.Conf;

/// <summary>
/// Parses libvirt's config-file syntax (spec libvirt-lock-drivers.md §1.2) the way libvirt 9.0.0 does, including
/// its corner cases as observed by running the real parser: a statement ends at <c>\n</c>, <c>\r</c>, <c>;</c> or a
/// comment; a file holding only blanks is an error ("expecting a name"); numbers wrap silently past 2^64; a
/// <c>"""</c> string is recognised only when at least seven characters remain from its first quote.
/// </summary>
public sealed class LibvirtConfParser
{
    private const string TripleQuote = "\"\"\"";

    private readonly string _text;
    private readonly string _fileName;
    private readonly List<ConfEntry> _entries = [];
    private int _pos;
    private int _line = 1;

    private LibvirtConfParser(string text, string fileName)
    {
        _text = text;
        _fileName = fileName;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="fileName"/> is only used in messages.</summary>
    /// <exception cref="LibvirtException">with <see cref="LibvirtErrorCode.ConfigSyntax"/> and <c>file:line</c>.</exception>
    public static LibvirtConf Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var parser = new LibvirtConfParser(text, fileName);
        while (!parser.AtEnd)
        {
            parser.ParseStatement();
        }

        return new LibvirtConf(fileName, parser._entries);
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private void ParseStatement()
    {
        SkipBlanksAndLineEnds();
        if (!AtEnd && Current == '#')
        {
            SkipComment();
            SkipBlanksAndLineEnds();
            return;
        }

        int line = _line;
        string name = ParseName();
        SkipBlanks();
        if (AtEnd || Current != '=')
        {
            throw SyntaxError("expecting an assignment");
        }

        _pos++;
        SkipBlanks();
        ConfValue value = ParseValue();
        _entries.Add(new ConfEntry(name, value, line));
        ParseSeparator();
        SkipBlanksAndLineEnds();
    }

    private void ParseSeparator()
    {
        SkipBlanks();
        if (AtEnd || IsLineEnd(Current))
        {
            return;
        }

        switch (Current)
        {
            case ';':
                _pos++;
                break;
            case '#':
                SkipComment();
                break;
            default:
                throw SyntaxError("expecting a separator");
        }
    }

    private string ParseName()
    {
        if (AtEnd || !char.IsAsciiLetter(Current))
        {
            throw SyntaxError("expecting a name");
        }

        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private ConfValue ParseValue()
    {
        if (AtEnd)
        {
            throw SyntaxError("expecting a value");
        }

        return Current switch
        {
            '"' or '\'' => ParseString(),
            '[' => ParseList(),
            '+' or '-' => ParseNumber(),
            >= '0' and <= '9' => ParseNumber(),
            _ => throw SyntaxError("expecting a value"),
        };
    }

    private ConfString ParseString()
    {
        char quote = Current;
        if (quote == '"' && _text.Length - _pos >= 7 && _text.AsSpan(_pos).StartsWith(TripleQuote))
        {
            return ParseTripleQuotedString();
        }

        int start = ++_pos;
        while (!AtEnd && Current != quote && !IsLineEnd(Current))
        {
            _pos++;
        }

        if (AtEnd || Current != quote)
        {
            throw SyntaxError("unterminated string");
        }

        return new ConfString(_text[start.._pos++]);
    }

    private ConfString ParseTripleQuotedString()
    {
        _pos += TripleQuote.Length;
        int start = _pos;
        // libvirt stops looking two characters before the end of the file, so the line reported for an
        // unterminated string does not count a newline among the last two characters.
        while (_pos + 2 < _text.Length && !_text.AsSpan(_pos).StartsWith(TripleQuote))
        {
            if (Current == '\n')
            {
                _line++;
            }

            _pos++;
        }

        if (_pos + 2 >= _text.Length)
        {
            throw SyntaxError("unterminated string");
        }

        string value = _text[start.._pos];
        _pos += TripleQuote.Length;
        return new ConfString(value);
    }

    private ConfValue ParseNumber()
    {
        bool negative = Current == '-';
        if (Current is '+' or '-')
        {
            _pos++;
        }

        if (AtEnd || !char.IsAsciiDigit(Current))
        {
            throw SyntaxError("unterminated number");
        }

        ulong value = 0;
        while (!AtEnd && char.IsAsciiDigit(Current))
        {
            value = unchecked((value * 10) + (ulong)(Current - '0'));
            _pos++;
        }

        return negative ? new ConfSigned(unchecked(-(long)value)) : new ConfUnsigned(value);
    }

    private ConfList ParseList()
    {
        _pos++;
        SkipBlanksAndLineEnds();
        var items = ImmutableArray.CreateBuilder<ConfValue>();
        if (AtEnd)
        {
            throw SyntaxError("list is not closed with ]");
        }

        if (Current != ']')
        {
            items.Add(ParseValue());
            while (true)
            {
                SkipBlanksAndLineEnds();
                if (AtEnd)
                {
                    throw SyntaxError("list is not closed with ]");
                }

                if (Current == ']')
                {
                    break;
                }

                if (Current != ',')
                {
                    throw SyntaxError("expecting a separator in list");
                }

                _pos++;
                SkipBlanksAndLineEnds();
                if (!AtEnd && Current == ']')
                {
                    break;
                }

                items.Add(ParseValue());
            }
        }

        _pos++;
        return new ConfList(items.ToImmutable());
    }

    private void SkipComment()
    {
        while (!AtEnd && !IsLineEnd(Current))
        {
            _pos++;
        }
    }

    private void SkipBlanks()
    {
        while (!AtEnd && Current is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipBlanksAndLineEnds()
    {
        while (!AtEnd && Current is ' ' or '\t' or '\r' or '\n')
        {
            if (Current == '\n')
            {
                _line++;
            }

            _pos++;
        }
    }

    private static bool IsLineEnd(char c) => c is '\n' or '\r';

    private LibvirtException SyntaxError(string what) =>
        new(LibvirtErrorCode.ConfigSyntax, $"{_fileName}:{_line}: {what}");
}
