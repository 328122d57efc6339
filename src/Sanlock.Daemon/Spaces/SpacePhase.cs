namespace Sanlock.Daemon.Spaces;

/// <summary>Where a lockspace is in its life on this host (the lists "add", "spaces", "rem" of STATUS).</summary>
public enum SpacePhase
{
    Adding,
    Joined,
    Removing,
}
