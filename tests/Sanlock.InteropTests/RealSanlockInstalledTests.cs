namespace Sanlock.InteropTests;

public class RealSanlockInstalledTests
{
    [Fact]
    public void RealSanlockBinary_IsInstalled() => Assert.True(File.Exists("/usr/sbin/sanlock"), "scripts/test installs Debian's sanlock");
}
