using System.ComponentModel;
using System.Diagnostics;

namespace Sanlock.Libvirt.Naming;

/// <summary>
/// Asks the same tools libvirt asks (spec §6.2): <c>lvs</c> for the LV UUID and <c>scsi_id</c> for the SCSI id.
/// The tool paths can be replaced, e.g. on distributions that install them elsewhere.
/// </summary>
public sealed class CommandDiskIdProbe : IDiskIdProbe
{
    public const string DefaultLvsPath = "/sbin/lvs";
    public const string DefaultScsiIdPath = "/lib/udev/scsi_id";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _lvsPath;
    private readonly string _scsiIdPath;

    public CommandDiskIdProbe(string lvsPath = DefaultLvsPath, string scsiIdPath = DefaultScsiIdPath)
    {
        _lvsPath = lvsPath;
        _scsiIdPath = scsiIdPath;
    }

    public string? TryGetLvUuid(string devicePath)
    {
        string? output = Run(_lvsPath, ["--noheadings", "--unbuffered", "--nosuffix", "--options", "uuid", devicePath]);
        string? uuid = output?.TrimStart(' ', '\t').TrimEnd('\n');
        return string.IsNullOrEmpty(uuid) ? null : uuid;
    }

    public string? TryGetScsiId(string devicePath)
    {
        string? output = Run(_scsiIdPath, ["--replace-whitespace", "--whitelisted", "--device", devicePath]);
        string? id = output?.Split('\n')[0];
        return string.IsNullOrEmpty(id) ? null : id;
    }

    /// <returns>stdout when the tool exited 0, otherwise <c>null</c>.</returns>
    private static string? Run(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using Process process = Process.Start(start)
                ?? throw new LibvirtException(LibvirtErrorCode.SystemError, $"Cannot run '{tool}'");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new LibvirtException(LibvirtErrorCode.SystemError, $"'{tool}' did not finish within {Timeout.TotalSeconds} s");
            }

            return process.ExitCode == 0 ? stdout.GetAwaiter().GetResult() : null;
        }
        catch (Win32Exception e)
        {
            throw new LibvirtException(LibvirtErrorCode.SystemError, $"Cannot run '{tool}': {e.Message}");
        }
    }
}
