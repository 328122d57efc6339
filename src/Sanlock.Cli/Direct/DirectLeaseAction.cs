using Sanlock.Cli.Common;
using Sanlock.OnDisk;

namespace Sanlock.Cli.Direct;

/// <summary>The shared shape of the direct lease actions (<c>acquire</c>, <c>release</c>, <c>acquire_id</c>,
/// <c>renew_id</c>, <c>release_id</c>): parse, open, run, print <c>LABEL done N</c>, explain a failure on stderr,
/// exit 1 unless N is 0.</summary>
internal static class DirectLeaseAction
{
    /// <summary>Opens what an action works on, or returns null with the code to print and the reason.</summary>
    public delegate TTarget? Opener<TTarget>(CliOptions options, DirectSizes sizes, CliOutput output, out DirectResult failure);

    public static int Run(ReadOnlySpan<string> args, CliOutput output, string action,
        Func<DirectLeaseTarget, Task<(DirectResult Result, string? Detail)>> operation) =>
        Run(args, output, action, action, DirectLeaseTarget.Open, operation);

    /// <summary>Runs <paramref name="operation"/> on what <paramref name="open"/> opens; <paramref name="label"/> is what
    /// the real CLI prints before "done" (it differs from the action name for renew_id).</summary>
    public static int Run<TTarget>(ReadOnlySpan<string> args, CliOutput output, string action, string label,
        Opener<TTarget> open, Func<TTarget, Task<(DirectResult Result, string? Detail)>> operation)
        where TTarget : class, IDisposable
    {
        if (!DirectArguments.TryParse(args, takesPositional: false, output, out var options, out var sizes))
        {
            return 1;
        }

        DirectResult result;
        string? detail = null;
        using (var target = open(options, sizes, output, out var failure))
        {
            if (target is null)
            {
                result = failure;
            }
            else
            {
                try
                {
                    (result, detail) = operation(target).GetAwaiter().GetResult();
                }
                catch (SanlockException e)
                {
                    result = DirectResult.Fail(e.Code, e.Message);
                }
                catch (LeaseIoException e)
                {
                    result = DirectResult.Fail(-Math.Max(e.Errno, 1), e.Message);
                }
            }
        }

        output.Out.WriteLine($"{label} done {result.Code}");
        if (result.Reason is not null)
        {
            output.Error.WriteLine($"direct {action}: {result.Reason}");
        }
        else if (detail is not null && options.Debug)
        {
            output.Error.WriteLine($"direct {action}: {detail}");
        }
        return result.Code == 0 ? 0 : 1;
    }
}
