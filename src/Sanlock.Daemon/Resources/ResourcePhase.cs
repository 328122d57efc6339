namespace Sanlock.Daemon.Resources;

/// <summary>The local life of a resource (STATUS lists "add", "held", "rem").</summary>
public enum ResourcePhase
{
    Acquiring,
    Held,
    Releasing,
}
