namespace Sanlock.Lockd;
