using Sanlock.Libvirt.Naming;

namespace Sanlock.UnitTests.Libvirt;

public class DiskLeaseNamesTests
{
    [Fact]
    public void SanlockResourceName_IsLowercaseMd5OfThePath()
    {
        // Spec §4.3 example, observed from libvirt's sanlock plugin.
        Assert.Equal("bfa0240911bc17753e0b473688822159", DiskLeaseNames.SanlockResourceName("/var/lib/libvirt/images/demo.img"));
    }

    [Fact]
    public void SanlockLeaseFilePath_JoinsWithAPlainSlash()
    {
        Assert.Equal(
            "/srv/leases//bfa0240911bc17753e0b473688822159",
            DiskLeaseNames.SanlockLeaseFilePath("/srv/leases/", "/var/lib/libvirt/images/demo.img"));
    }

    [Theory]
    [InlineData("/var/lib/libvirt/images/demo.img", "6f716e8c06fc109acd342e3c129a17ccf3c473c1c76363b543a1cbb55d1cd778")]
    // The next two names are the lock files virtlockd 9.0.0 created for these exact disk paths: no canonicalisation.
    [InlineData("/tmp/lvobs/x/../imgs//d1", "08488f19604d1e63db158f48d1cda40549cebfa88e5b7270774480b5b754272d")]
    [InlineData("imgs/d1", "7076ddcebaf04f71407fb2d5990fcfa96a4d513a3ee107e308dda2ba57b52bd6")]
    public void LockdFileResourceName_IsSha256OfThePathAsWritten(string path, string expected)
    {
        Assert.Equal(expected, DiskLeaseNames.LockdFileResourceName(path));
    }

    [Fact]
    public void Names_DifferForPathAliases()
    {
        Assert.NotEqual(DiskLeaseNames.SanlockResourceName("/a//b"), DiskLeaseNames.SanlockResourceName("/a/b"));
        Assert.NotEqual(DiskLeaseNames.LockdFileResourceName("/a//b"), DiskLeaseNames.LockdFileResourceName("/a/b"));
    }

    [Fact]
    public void Names_HashUtf8Bytes()
    {
        // md5sum of the UTF-8 bytes of "/srv/é".
        Assert.Equal("f7756fd35fbe65d8dc71a93029ef2f17", DiskLeaseNames.SanlockResourceName("/srv/é"));
    }
}
