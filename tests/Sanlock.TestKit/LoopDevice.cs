namespace Sanlock.TestKit;

/// <summary>
/// A loop block device over a backing file (<c>losetup --find --show</c>), detached on dispose. Creating one
/// needs root and a kernel with loop support; <see cref="TryAttach"/> says why when it cannot.
/// </summary>
public sealed class LoopDevice : IDisposable
{
    private LoopDevice(string devicePath) => DevicePath = devicePath;

    /// <summary>e.g. /dev/loop3</summary>
    public string DevicePath { get; }

    /// <summary>Attaches <paramref name="backingFile"/>; returns null and the reason when losetup cannot.</summary>
    public static LoopDevice? TryAttach(string backingFile, out string? whyNot, int logicalSectorSize = 512)
    {
        whyNot = null;
        ProcessResult result;
        try
        {
            result = ProcessRunner.Run("losetup", ["--find", "--show", "--sector-size", logicalSectorSize.ToString(System.Globalization.CultureInfo.InvariantCulture), backingFile],
                TimeSpan.FromSeconds(20));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            whyNot = $"losetup cannot be run: {e.Message}";
            return null;
        }

        var device = result.StdoutText.Trim();
        if (result.ExitCode != 0 || !device.StartsWith("/dev/loop", StringComparison.Ordinal))
        {
            whyNot = $"losetup failed (exit {result.ExitCode}): {result.StderrText.Trim()}";
            return null;
        }
        if (!File.Exists(device))
        {
            // Containers may attach the loop device without a node for it in /dev.
            Detach(device);
            whyNot = $"losetup attached {device} but no device node exists in this container";
            return null;
        }
        return new LoopDevice(device);
    }

    private bool _detached;

    public void Dispose()
    {
        if (!_detached)
        {
            _detached = true;
            Detach(DevicePath);
        }
    }

    private static void Detach(string device)
    {
        try
        {
            ProcessRunner.Run("losetup", ["--detach", device], TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
        }
    }
}
