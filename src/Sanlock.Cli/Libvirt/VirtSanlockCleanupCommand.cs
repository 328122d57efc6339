using System.Net.Sockets;
using Sanlock.Client;
using Sanlock.Libvirt;
using Sanlock.Libvirt.AutoLeases;
using Sanlock.Libvirt.SanlockPlugin;
using Sanlock.Protocol.Structs;

namespace Sanlock.Cli.Libvirt;

/// <summary>
/// <c>virt-sanlock-cleanup [-q] [--dry-run] [--config PATH]</c> (spec libvirt §5): for each lease file of the
/// automatic lockspace, register with the daemon, acquire its lease exclusively, and delete the file only while
/// holding it, so a lease any host holds is never deleted. Prints <c>Cleanup: &lt;resource&gt; PASS|FAIL</c>.
/// </summary>
/// <remarks>Our differences from the original script: the lease directory comes from our qemu-sanlock.conf parser
/// (an unset key means the default directory instead of exit 1); options may come in any order and an unknown one
/// is refused; <c>--dry-run</c> acquires and releases but deletes nothing (PASS then means "would be deleted").</remarks>
internal static class VirtSanlockCleanupCommand
{
    private const string Name = "virt-sanlock-cleanup";
    private const string Usage = "Usage: virt-sanlock-cleanup [-q] [--dry-run] [--config PATH]";

    public static int Run(string[] args)
    {
        bool quiet = false;
        bool dryRun = false;
        string configPath = QemuSanlockConfig.DefaultPath;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-q":
                    quiet = true;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--config" when i + 1 < args.Length:
                    configPath = args[++i];
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"{Name}: unexpected argument \"{args[i]}\"");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        QemuSanlockConfig config;
        try
        {
            config = QemuSanlockConfig.Load(configPath);
        }
        catch (LibvirtException e)
        {
            Console.Error.WriteLine($"{Name}: {e.Message}");
            return 1;
        }
        string dir = config.DiskLeaseDir;
        IReadOnlyList<string> candidates;
        try
        {
            candidates = LeaseCleanupPlan.Candidates(Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e switch
            {
                DirectoryNotFoundException => "No such file or directory",
                UnauthorizedAccessException => "Permission denied",
                _ => e.Message,
            };
            Console.Error.WriteLine($"{Name}: cannot read lease directory {dir}: {reason}");
            return 1;
        }
        foreach (string entry in candidates)
        {
            bool deleted = TryDelete(dir, entry, dryRun);
            if (!quiet)
            {
                Console.WriteLine(LeaseCleanupPlan.ResultLine(dir, entry, deleted));
            }
        }
        return 0;
    }

    /// <summary>Deletes the lease file only while this process holds its lease; the registered connection's close
    /// releases it even if the explicit release is lost.</summary>
    private static bool TryDelete(string dir, string entry, bool dryRun)
    {
        RegisteredClient registered;
        try
        {
            registered = RegisteredClient.Register();
        }
        catch (SocketException)
        {
            return false;
        }
        using (registered)
        {
            SanlkResource resource = DiskLeaseManager.ToWire(LeaseCleanupPlan.Resource(dir, entry));
            if (registered.Acquire([resource], new SanlkOptions(Name)).Result != 0)
            {
                return false;
            }
            try
            {
                if (!dryRun)
                {
                    File.Delete(LeaseCleanupPlan.LeaseFile(dir, entry));
                }
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            finally
            {
                ReleaseQuietly(registered, resource);
            }
        }
    }

    private static void ReleaseQuietly(RegisteredClient registered, SanlkResource resource)
    {
        try
        {
            registered.Release([resource]);
        }
        catch (Exception e) when (e is SocketException or Sanlock.Protocol.SanlockProtocolException)
        {
            // Closing the registered connection releases it anyway.
        }
    }
}
