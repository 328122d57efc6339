namespace Sanlock.Protocol.Structs;

/// <summary>The KILLPATH body: a 128-byte program path and a 128-byte argument string, each NUL-padded.</summary>
/// <remarks>sanlock-wire-protocol.md §3.9 and §4.12.</remarks>
public readonly record struct KillPath(string Path, string Args)
{
    public const int Size = 2 * ProtocolLimits.KillPathField;

    public static KillPath Read(ref WireReader reader) => new(
        reader.ReadFixedString(ProtocolLimits.KillPathField, "killpath.path"),
        reader.ReadFixedString(ProtocolLimits.KillPathField, "killpath.args"));

    public void Write(ref WireWriter writer)
    {
        writer.WriteFixedString(Path ?? string.Empty, ProtocolLimits.KillPathField, "killpath.path");
        writer.WriteFixedString(Args ?? string.Empty, ProtocolLimits.KillPathField, "killpath.args");
    }
}
