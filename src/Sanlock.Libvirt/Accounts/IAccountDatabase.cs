namespace Sanlock.Libvirt.Accounts;

/// <summary>Looks user and group names up (getpwnam/getgrnam); tests inject a fake.</summary>
public interface IAccountDatabase
{
    bool TryGetUserId(string name, out uint uid);

    bool TryGetGroupId(string name, out uint gid);
}
