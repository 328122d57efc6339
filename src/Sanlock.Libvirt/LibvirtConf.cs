namespace Sanlock.Libvirt;
