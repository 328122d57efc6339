namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// The pure part of virt-sanlock-cleanup (spec §5): which entries of the lease directory are tried, the resource
/// each one is acquired as before it may be deleted, and the line printed for it.
/// </summary>
/// <remarks>
/// Like the original: every visible entry except the lockspace file is a candidate, directories and stray files
/// included (acquiring them simply fails); entries are taken in byte order, as the shell's glob does in the C
/// locale. Unlike the original, an unset <c>disk_lease_dir</c> means the default directory instead of an error.
/// </remarks>
public static class LeaseCleanupPlan
{
    /// <summary>Entry names to try, sorted; hidden names and <c>__LIBVIRT__DISKS__</c> are never candidates.</summary>
    public static IReadOnlyList<string> Candidates(IEnumerable<string> entryNames)
    {
        ArgumentNullException.ThrowIfNull(entryNames);
        return
        [
            .. entryNames
                .Where(n => n.Length > 0 && !n.StartsWith('.') && n != LibvirtDisksLockspace.Name)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>The resource acquired (exclusively) to prove no host holds the lease: its file at offset 0.</summary>
    public static SanlockResourceSpec Resource(string leaseDir, string entry) =>
        new(LibvirtDisksLockspace.Name, entry, [new SanlockDiskSpec(LeaseFile(leaseDir, entry), 0)]);

    public static string LeaseFile(string leaseDir, string entry) => $"{leaseDir}/{entry}";

    /// <summary><c>__LIBVIRT__DISKS__:&lt;entry&gt;:&lt;dir&gt;/&lt;entry&gt;:0</c>, unescaped, as the original prints it.</summary>
    public static string ResourceText(string leaseDir, string entry) =>
        $"{LibvirtDisksLockspace.Name}:{entry}:{LeaseFile(leaseDir, entry)}:0";

    /// <summary><c>Cleanup: &lt;resource&gt; PASS</c> when the lease was free and the file deleted, else <c>FAIL</c>.</summary>
    public static string ResultLine(string leaseDir, string entry, bool deleted) =>
        $"Cleanup: {ResourceText(leaseDir, entry)} {(deleted ? "PASS" : "FAIL")}";
}
