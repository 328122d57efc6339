namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>One disk area of a sanlock resource: a path and a byte offset.</summary>
public readonly record struct SanlockDiskSpec(string Path, ulong Offset);
