namespace Sanlock.Cli.Direct;

/// <summary>How a direct action ends: the number the real CLI prints after "done", and our explanation.</summary>
internal readonly record struct DirectResult(int Code, string? Reason)
{
    public static DirectResult Ok { get; } = new(0, null);

    public static DirectResult Fail(int code, string reason) => new(code, reason);
}
