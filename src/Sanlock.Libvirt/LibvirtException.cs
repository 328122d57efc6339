namespace Sanlock.Libvirt;

/// <summary>
/// An error worded the way libvirt words it: <see cref="Exception.Message"/> is the full text a user would see
/// after <c>error: </c>, prefix included; <see cref="Detail"/> is the text without the prefix.
/// </summary>
public sealed class LibvirtException : Exception
{
    public LibvirtException(LibvirtErrorCode code, string detail) : base(PrefixOf(code) + detail)
    {
        Code = code;
        Detail = detail;
    }

    public LibvirtException()
    {
        Detail = string.Empty;
    }

    public LibvirtException(string message) : base(message)
    {
        Detail = message;
    }

    public LibvirtException(string message, Exception inner) : base(message, inner)
    {
        Detail = message;
    }

    public LibvirtErrorCode Code { get; }

    public string Detail { get; }

    public static string PrefixOf(LibvirtErrorCode code) => code switch
    {
        LibvirtErrorCode.SystemError => string.Empty,
        LibvirtErrorCode.InternalError => "internal error: ",
        LibvirtErrorCode.ConfigSyntax => "configuration file syntax error: ",
        LibvirtErrorCode.InvalidArgument => "invalid argument: ",
        LibvirtErrorCode.ConfigUnsupported => "unsupported configuration: ",
        LibvirtErrorCode.ResourceBusy => "resource busy: ",
        LibvirtErrorCode.OperationForbidden => "operation forbidden: ",
        LibvirtErrorCode.OperationInvalid => "Requested operation is not valid: ",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "unknown libvirt error code"),
    };
}
