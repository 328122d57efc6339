using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Client;

/// <summary>A non-root account for tests ("sanlock-nonroot", created with useradd when missing) and a way to run a
/// program as it with a clean, explicit environment (runuser … env -i).</summary>
public static class UnprivilegedUser
{
    public const string Name = "sanlock-nonroot";

    /// <summary>Creates the account if needed (the tests run as root, as CI does); returns its uid.</summary>
    public static int Ensure()
    {
        var id = Tools.Run("/usr/bin/id", ["-u", Name]);
        if (id.ExitCode != 0)
        {
            Tools.Run("/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", Name]).EnsureSuccess();
            id = Tools.Run("/usr/bin/id", ["-u", Name]).EnsureSuccess();
        }
        return int.Parse(id.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="program"/> as the user with only PATH and <paramref name="environment"/> set.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null) =>
        Tools.Run("/usr/sbin/runuser",
            ["-u", Name, "--", "/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", .. environment.Select(e => $"{e.Key}={e.Value}"), program, .. args],
            timeout: timeout);
}
