using Sanlock.Client;

namespace Sanlock.UnitTests.Client;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class UserRunDirectoryTests
{
    [Fact]
    public void ForUser_WithWritableXdgRuntimeDir_UsesItsSanlockSubdirectory() =>
        Assert.Equal("/run/user/1000/sanlock", UserRunDirectory.ForUser(1000, "/run/user/1000", _ => true));

    [Fact]
    public void ForUser_WithXdgRuntimeDirNotWritable_FallsBackToTmp() =>
        Assert.Equal("/tmp/sanlock-1000", UserRunDirectory.ForUser(1000, "/run/user/0", _ => false));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/dir")]
    public void ForUser_WithoutAnAbsoluteXdgRuntimeDir_FallsBackToTmp(string? xdg) =>
        Assert.Equal("/tmp/sanlock-42", UserRunDirectory.ForUser(42, xdg, _ => true));

    [Fact]
    public void Prepare_RefusesADirectoryOthersCanWrite()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"sanlock-rundir-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        try
        {
            string? problem = UserRunDirectory.Prepare(dir);
            Assert.NotNull(problem);
            Assert.Contains("mode 0700", problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void Prepare_CreatesAMissingDirectoryWithMode0700()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"sanlock-rundir-{Guid.NewGuid():N}");
        try
        {
            Assert.Null(UserRunDirectory.Prepare(dir));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
