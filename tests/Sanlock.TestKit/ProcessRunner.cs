using System.Diagnostics;

namespace Sanlock.TestKit;

/// <summary>What a finished process left: its exit code and its raw stdout/stderr bytes.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, byte[] Stderr)
{
    public string StdoutText => System.Text.Encoding.Latin1.GetString(Stdout);

    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);

    public string StandardOutput => StdoutText;

    public string StandardError => StderrText;

    public string Output => StdoutText + StderrText;

    /// <summary>Killed by a signal (the shell convention 128+N is not used: .NET reports 128+N for signals).</summary>
    public bool Crashed => ExitCode > 128;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdoutText}\nstderr:\n{StderrText}";
}

/// <summary>
/// Runs a program to completion with arguments passed as-is (no shell), capturing stdout and stderr as bytes.
/// The process is killed if it outlives the timeout, so a test never leaves one behind.
/// </summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout ?? TimeSpan.FromSeconds(30)}");
        }
        Task.WaitAll(copyOut, copyErr);
        return new ProcessResult(process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }

    public static ProcessResult Run(string fileName, params string[] arguments) => Run(fileName, (IEnumerable<string>)arguments);
}
