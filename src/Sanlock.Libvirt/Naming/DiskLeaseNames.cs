using System.Security.Cryptography;
using System.Text;

namespace Sanlock.Libvirt.Naming;

/// <summary>
/// Names derived from a disk path. Both plugins hash the path string exactly as it appears in the domain XML
/// (UTF-8, no trailing newline): no realpath, no <c>..</c> or <c>//</c> folding, relative paths hashed as written.
/// Verified by running libvirt 9.0.0's lockd plugin against virtlockd with <c>/tmp/x/../imgs//d1</c> and
/// <c>imgs/d1</c>: the lock files were named by the SHA-256 of those exact strings.
/// </summary>
public static class DiskLeaseNames
{
    /// <summary>The sanlock resource name of an automatic disk lease: 32 lowercase hex digits of MD5 (spec §4.3).</summary>
    public static string SanlockResourceName(string diskPath) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(diskPath)));

    /// <summary><c>&lt;disk_lease_dir&gt;/&lt;md5&gt;</c>, joined with a plain <c>/</c> like libvirt.</summary>
    public static string SanlockLeaseFilePath(string diskLeaseDir, string diskPath) =>
        $"{diskLeaseDir}/{SanlockResourceName(diskPath)}";

    /// <summary>The lockd indirect (file lockspace) resource name: 64 lowercase hex digits of SHA-256 (spec §6.2).</summary>
    public static string LockdFileResourceName(string diskPath) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(diskPath)));
}
