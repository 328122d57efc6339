namespace Sanlock.Protocol.Requests;

/// <summary>What a daemon does with a delimited request (sanlock-wire-protocol.md §2.2, §4.7.2).</summary>
public enum RequestFrameKind
{
    /// <summary>A well-formed request with its complete body: execute it.</summary>
    Request,

    /// <summary>Bad magic, unknown command or a newer major version: 3.8.5 sends no reply and reads only the header.</summary>
    Ignored,

    /// <summary>A request the daemon refuses while reading its body (e.g. ACQUIRE with 9 resources ⇒ −E2BIG,
    /// num_disks 5 ⇒ −ERANGE): reply <see cref="RequestFrame.Rejection"/>; the frame spans the bytes discarded.</summary>
    Rejected,
}
