namespace Sanlock.Leases.Delta;

/// <summary>
/// The host-event triple a host's renewals carry in write_id / write_generation / write_timestamp.
/// </summary>
/// <remarks>sanlock-disk-format.md §6.6.</remarks>
public readonly record struct HostEvent(ulong Generation, ulong Event, ulong Data)
{
    public static HostEvent None => default;
}
