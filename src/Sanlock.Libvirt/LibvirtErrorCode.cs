namespace Sanlock.Libvirt;

/// <summary>
/// The libvirt error classes whose messages we reproduce; each one decides the prefix of the message
/// (spec libvirt-lock-drivers.md §7).
/// </summary>
public enum LibvirtErrorCode
{
    /// <summary>A system call failed; the message carries no prefix, only the text and the strerror.</summary>
    SystemError,
    InternalError,
    ConfigSyntax,
    InvalidArgument,
    ConfigUnsupported,
    ResourceBusy,
    OperationForbidden,
    OperationInvalid,
}
