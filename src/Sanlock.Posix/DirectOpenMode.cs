namespace Sanlock.Posix;

/// <summary>How a lease path is opened: read-only for dump/read_leader, read-write for anything that writes.</summary>
public enum DirectOpenMode
{
    ReadOnly,
    ReadWrite,
}
