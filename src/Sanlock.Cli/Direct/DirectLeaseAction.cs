using Sanlock.Cli.Common;
using Sanlock.OnDisk;

namespace Sanlock.Cli.Direct;

/// <summary>The shared shape of <c>direct acquire</c> and <c>direct release</c>: parse, open, run, print
/// <c>ACTION done N</c>, explain a failure on stderr, exit 1 unless N is 0.</summary>
internal static class DirectLeaseAction
{
    public static int Run(ReadOnlySpan<string> args, CliOutput output, string action,
        Func<DirectLeaseTarget, Task<(DirectResult Result, string? Detail)>> operation)
    {
        if (!DirectArguments.TryParse(args, takesPositional: false, output, out var options, out var sizes))
        {
            return 1;
        }

        DirectResult result;
        string? detail = null;
        using (var target = DirectLeaseTarget.Open(options, sizes, output, out var failure))
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

        output.Out.WriteLine($"{action} done {result.Code}");
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
