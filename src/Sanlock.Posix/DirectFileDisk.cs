namespace Sanlock.Posix;
