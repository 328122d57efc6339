using System.Text;

namespace Sanlock.Libvirt.Conf;

/// <summary>
/// Loads a plugin config file the way libvirt does (spec §1.1): a file that does not exist means "all defaults"
/// (<c>null</c>); any other reason the file cannot be accessed or read is an error naming the path.
/// </summary>
public static class LibvirtConfFile
{
    /// <returns>The parsed file, or <c>null</c> when the file does not exist.</returns>
    /// <exception cref="LibvirtException">the file exists but cannot be read, or is malformed.</exception>
    public static LibvirtConf? LoadIfExists(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int errno = Libc.AccessReadable(path);
        if (errno == Libc.ENOENT)
        {
            return null;
        }

        if (errno != 0)
        {
            throw new LibvirtException(
                LibvirtErrorCode.SystemError, $"Unable to access config file {path}: {Libc.StrError(errno)}");
        }

        return LibvirtConfParser.Parse(ReadText(path), path);
    }

    private static string ReadText(string path)
    {
        if (Directory.Exists(path))
        {
            throw ReadError(path, Libc.StrError(Libc.EISDIR));
        }

        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReadError(path, e.Message);
        }
    }

    private static LibvirtException ReadError(string path, string why) =>
        new(LibvirtErrorCode.SystemError, $"Failed to read file '{path}': {why}");
}
