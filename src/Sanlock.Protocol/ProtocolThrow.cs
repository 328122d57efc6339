using System.Diagnostics.CodeAnalysis;

namespace Sanlock.Protocol;

/// <summary>Throw helpers that keep the decode paths small and the messages specific.</summary>
internal static class ProtocolThrow
{
    [DoesNotReturn]
    public static void Truncated(string field, int offset, int needed, int available) =>
        throw new SanlockProtocolException(
            $"{field} at offset {offset}: needs {needed} bytes, only {Math.Max(available, 0)} present");

    [DoesNotReturn]
    public static void Invalid(string field, int offset, string problem) =>
        throw new SanlockProtocolException($"{field} at offset {offset}: {problem}");

    [DoesNotReturn]
    public static void OverCap(string field, long value, long cap) =>
        throw new SanlockProtocolException($"{field} is {value}, more than the protocol allows ({cap})");
}
