using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>One CLI run on its own copy of a lease file: what it printed and what the file holds afterwards.</summary>
internal sealed record DirectRun(ProcessResult Result, byte[]? FileAfter)
{
    /// <summary>
    /// Runs <paramref name="binary"/> <c>direct</c> with <paramref name="args"/>, where "FILE" in an argument stands
    /// for <paramref name="file"/>, which is first created with <paramref name="initialContent"/> (null: not created).
    /// </summary>
    public static DirectRun On(string binary, string file, byte[]? initialContent, params string[] args)
    {
        if (initialContent is not null)
        {
            File.WriteAllBytes(file, initialContent);
        }
        else if (File.Exists(file))
        {
            File.Delete(file);
        }

        var expanded = args.Select(a => a.Replace("FILE", file, StringComparison.Ordinal)).Prepend("direct");
        var result = ProcessRunner.Run(binary, expanded);
        return new DirectRun(result, File.Exists(file) ? File.ReadAllBytes(file) : null);
    }

    /// <summary>stdout with the file's path replaced by "FILE", so runs on different copies compare equal.</summary>
    public string StdoutWith(string file) => Result.StdoutText.Replace(file, "FILE", StringComparison.Ordinal);
}
