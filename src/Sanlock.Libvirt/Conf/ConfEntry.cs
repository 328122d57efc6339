namespace Sanlock.Libvirt.Conf;

/// <summary>One <c>name = value</c> statement and the line it starts on.</summary>
public sealed record ConfEntry(string Name, ConfValue Value, int Line);
