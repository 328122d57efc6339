using System.Text;
using Sanlock.Protocol.Flags;

namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_state</c>: the 80-byte head of a STATUS / HOST_STATUS / RENEWAL record plus its
/// <c>key=value …</c> text.</summary>
/// <remarks>sanlock-wire-protocol.md §3.7 (layout) and §6.4 (keys). str_len counts the text's NUL.
/// <see cref="StrLen"/> is the field as sent; <see cref="Text"/> is the text before the first NUL.</remarks>
public sealed record SanlkState(StateType Type, uint Flags, uint Data32, ulong Data64, string Name, string Text, uint StrLen)
{
    public const int Size = 80;
    public const int NameSize = 48;

    /// <summary>data32 as the CLI prints it (pids are signed, −1 for internal slots).</summary>
    public int Data32Signed => unchecked((int)Data32);

    public static SanlkState Create(StateType type, uint data32, ulong data64, string name, string text) =>
        new(type, 0, data32, data64, name, text, (uint)(Encoding.UTF8.GetByteCount(text) + 1));

    public int EncodedLength => Size + (int)StrLen;

    public static SanlkState Read(ref WireReader reader)
    {
        var type = (StateType)reader.ReadUInt32("sanlk_state.type");
        uint flags = reader.ReadUInt32("sanlk_state.flags");
        uint data32 = reader.ReadUInt32("sanlk_state.data32");
        reader.ReadUInt32("sanlk_state.pad1");
        ulong data64 = reader.ReadUInt64("sanlk_state.data64");
        string name = reader.ReadFixedString(NameSize, "sanlk_state.name");
        int strLenAt = reader.MessageOffset;
        uint strLen = reader.ReadUInt32("sanlk_state.str_len");
        reader.ReadUInt32("sanlk_state.pad2");
        if (strLen > ProtocolLimits.MaxStateText)
        {
            ProtocolThrow.Invalid("sanlk_state.str_len", strLenAt, $"{strLen} exceeds the cap of {ProtocolLimits.MaxStateText}");
        }
        int textAt = reader.MessageOffset;
        string text = WireReader.DecodeText(reader.ReadBytes((int)strLen, "sanlk_state.str"), "sanlk_state.str", textAt);
        return new SanlkState(type, flags, data32, data64, name, text, strLen);
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteUInt32((uint)Type);
        writer.WriteUInt32(Flags);
        writer.WriteUInt32(Data32);
        writer.WriteUInt32(0);
        writer.WriteUInt64(Data64);
        writer.WriteFixedString(Name ?? string.Empty, NameSize, "sanlk_state.name");
        writer.WriteUInt32(StrLen);
        writer.WriteUInt32(0);
        writer.WriteFixedString(Text ?? string.Empty, (int)StrLen, "sanlk_state.str");
    }

    /// <summary>The text's <c>key=value</c> pairs in order (space-separated).</summary>
    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        foreach (string item in Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            yield return eq < 0 ? new(item, string.Empty) : new(item[..eq], item[(eq + 1)..]);
        }
    }
}
