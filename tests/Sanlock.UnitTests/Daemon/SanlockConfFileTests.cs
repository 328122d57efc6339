using Sanlock.Daemon;
using Sanlock.Daemon.Configuration;

namespace Sanlock.UnitTests.Daemon;

public class SanlockConfFileTests
{
    [Fact]
    public void Apply_ReadsKnownKeys_IgnoringCommentsAndBlankLines()
    {
        var options = new DaemonOptions();
        var problems = SanlockConfFile.Apply("# comment\n\nuse_watchdog = 0\nour_host_name=h1\nio_timeout = 3\nmax_worker_threads = 4\nkill_grace_seconds = 0\n", options);
        Assert.Empty(problems);
        Assert.False(options.UseWatchdog);
        Assert.Equal("h1", options.HostName);
        Assert.Equal(3, options.IoTimeoutSeconds);
        Assert.Equal(4, options.MaxWorkerThreads);
        Assert.Equal(0, options.KillGraceSeconds);
    }

    [Fact]
    public void Apply_WhenValueOutOfRange_NamesFileLineAndKey_AndKeepsDefault()
    {
        var options = new DaemonOptions();
        var problems = SanlockConfFile.Apply("io_timeout = 0\n", options, "/etc/x.conf");
        var problem = Assert.Single(problems);
        Assert.StartsWith("/etc/x.conf:1: io_timeout", problem, StringComparison.Ordinal);
        Assert.Equal(10, options.IoTimeoutSeconds);
    }

    [Fact]
    public void Apply_WhenKeyUnknownOrLineMalformed_ReportsEach()
    {
        var problems = SanlockConfFile.Apply("bogus = 1\njust words\n", new DaemonOptions(), "f");
        Assert.Equal(2, problems.Count);
        Assert.Contains("unknown key \"bogus\"", problems[0], StringComparison.Ordinal);
        Assert.Contains("f:2:", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedConf_HasOnlyCommentedDefaults_AndEveryKeyIsKnown()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
        {
            dir = dir.Parent;
        }
        var text = File.ReadAllText(Path.Combine(dir!.FullName, "conf", "sanlock.conf"));
        Assert.Empty(SanlockConfFile.Apply(text, new DaemonOptions()));
        var settings = text.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^#[a-z_]+ = ")).Select(l => l[1..]).ToList();
        Assert.True(settings.Count >= 8, $"only {settings.Count} commented settings found");
        var uncommented = string.Join('\n', settings);
        Assert.Empty(SanlockConfFile.Apply(uncommented, new DaemonOptions()));
    }
}
