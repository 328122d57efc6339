using System.Text;

namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// The kill-helper registration of the sanlock plugin (spec libvirt §4.7): which <c>&lt;on_lockfailure&gt;</c>
/// actions sanlock supports, and the argument string handed to sanlock (fields escaped, under 128 bytes).
/// </summary>
public static class KillHelperArguments
{
    /// <summary>sanlock's limit for the helper path and for its argument string, terminator included.</summary>
    public const int MaxBytes = 128;

    /// <returns><c>true</c> when a helper is registered (poweroff, pause); <c>false</c> when no action is set.</returns>
    /// <exception cref="LibvirtException">restart, ignore or an unknown action.</exception>
    public static bool NeedsHelper(string? onLockFailure) => onLockFailure switch
    {
        null or "" or "default" => false,
        "poweroff" or "pause" => true,
        _ => throw new LibvirtException(
            LibvirtErrorCode.ConfigUnsupported, $"Failure action {onLockFailure} is not supported by sanlock"),
    };

    /// <summary><c>&lt;uri&gt; &lt;uuid&gt; &lt;action&gt;</c>, each with backslash and space escaped by a backslash.</summary>
    /// <exception cref="LibvirtException">the string is 128 bytes or longer.</exception>
    public static string Build(string uri, string uuid, string action)
    {
        string args = string.Join(' ', Escape(uri), Escape(uuid), Escape(action));
        if (Encoding.UTF8.GetByteCount(args) >= MaxBytes)
        {
            throw new LibvirtException(
                LibvirtErrorCode.InternalError, $"Sanlock helper arguments are longer than {MaxBytes - 1}: '{args}'");
        }

        return args;
    }

    private static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
    }
}
