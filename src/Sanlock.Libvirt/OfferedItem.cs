namespace Sanlock.Libvirt;

/// <summary>Something of a domain that libvirt offers to a lock plugin (spec §1.3): a disk or a <c>&lt;lease&gt;</c>.</summary>
public abstract record OfferedItem;

/// <summary>A file/block/dir disk; <paramref name="Path"/> is the XML attribute verbatim.</summary>
public sealed record OfferedDisk(string Path, bool ReadOnly = false, bool Shared = false) : OfferedItem;

/// <summary>A <c>&lt;lease&gt;</c> device: always exclusive.</summary>
public sealed record OfferedLease(string Lockspace, string Key, string Path, ulong Offset = 0) : OfferedItem;
