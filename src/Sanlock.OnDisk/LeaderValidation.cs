namespace Sanlock.OnDisk;

/// <summary>
/// The checks sanlock applies to a leader it reads, in its order; the first failing check decides the result.
/// Only the major version (upper 16 bits) is compared; names are compared up to the first NUL (≤ 48 bytes).
/// </summary>
/// <remarks>sanlock-disk-format.md §3 "Validation rules". owner_id and sector_size are not checked here.</remarks>
public static class LeaderValidation
{
    /// <summary>
    /// A delta lease (lockspace slot): magic (−223), major version 3 (−224), space name (−226),
    /// checksum (−229).
    /// </summary>
    public static SanlockError CheckDelta(in Leader leader, LeaseName expectedSpace)
    {
        if (leader.Magic != Leader.DeltaMagic)
        {
            return SanlockError.LeaderMagic;
        }

        if (leader.MajorVersion != Leader.DeltaMajorVersion)
        {
            return SanlockError.LeaderVersion;
        }

        if (!leader.SpaceName.Matches(expectedSpace))
        {
            return SanlockError.LeaderLockspace;
        }

        return leader.IsChecksumValid ? SanlockError.Ok : SanlockError.LeaderChecksum;
    }

    /// <summary>
    /// A paxos leader: CLEAR magic or any magic other than the paxos one (−223), major version 6 (−224),
    /// space name (−226), resource name (−227), num_hosts below the reader's host_id (−228), checksum (−229).
    /// Pass <paramref name="hostId"/> 0 when the reader has no host_id (e.g. a plain read).
    /// </summary>
    public static SanlockError CheckPaxos(in Leader leader, LeaseName expectedSpace, LeaseName expectedResource, ulong hostId)
    {
        if (leader.Magic == Leader.ClearMagic || leader.Magic != Leader.PaxosMagic)
        {
            return SanlockError.LeaderMagic;
        }

        if (leader.MajorVersion != Leader.PaxosMajorVersion)
        {
            return SanlockError.LeaderVersion;
        }

        if (!leader.SpaceName.Matches(expectedSpace))
        {
            return SanlockError.LeaderLockspace;
        }

        if (!leader.ResourceName.Matches(expectedResource))
        {
            return SanlockError.LeaderResource;
        }

        if (leader.NumHosts < hostId)
        {
            return SanlockError.LeaderNumHosts;
        }

        return leader.IsChecksumValid ? SanlockError.Ok : SanlockError.LeaderChecksum;
    }

    /// <summary>Throws <see cref="SanlockException"/> naming the field and both values when <see cref="CheckDelta"/> fails.</summary>
    public static void EnsureDelta(in Leader leader, LeaseName expectedSpace, string where)
    {
        var error = CheckDelta(leader, expectedSpace);
        if (error != SanlockError.Ok)
        {
            throw new SanlockException(error, Describe(error, leader, expectedSpace, default, 0, where));
        }
    }

    /// <summary>Throws <see cref="SanlockException"/> naming the field and both values when <see cref="CheckPaxos"/> fails.</summary>
    public static void EnsurePaxos(in Leader leader, LeaseName expectedSpace, LeaseName expectedResource, ulong hostId, string where)
    {
        var error = CheckPaxos(leader, expectedSpace, expectedResource, hostId);
        if (error != SanlockError.Ok)
        {
            throw new SanlockException(error, Describe(error, leader, expectedSpace, expectedResource, hostId, where));
        }
    }

    /// <summary>A one-line explanation of a validation failure, e.g. for logs and CLI errors.</summary>
    public static string Describe(SanlockError error, in Leader leader, LeaseName expectedSpace, LeaseName expectedResource, ulong hostId, string where) =>
        error switch
        {
            SanlockError.LeaderMagic when leader.Magic == Leader.ClearMagic =>
                $"{where}: leader magic 0x{leader.Magic:x8} (cleared lease)",
            SanlockError.LeaderMagic => $"{where}: leader magic 0x{leader.Magic:x8} is not a sanlock leader",
            SanlockError.LeaderVersion => $"{where}: leader version 0x{leader.Version:x8} has an unsupported major version",
            SanlockError.LeaderLockspace => $"{where}: leader space_name \"{leader.SpaceName}\" is not \"{expectedSpace}\"",
            SanlockError.LeaderResource => $"{where}: leader resource_name \"{leader.ResourceName}\" is not \"{expectedResource}\"",
            SanlockError.LeaderNumHosts => $"{where}: leader num_hosts {leader.NumHosts} is below host_id {hostId}",
            SanlockError.LeaderChecksum =>
                $"{where}: leader checksum 0x{leader.Checksum:x8} does not match computed 0x{leader.ComputeChecksum():x8}",
            _ => $"{where}: {error} ({(int)error})",
        };
}
