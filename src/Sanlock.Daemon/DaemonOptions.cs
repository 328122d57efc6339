namespace Sanlock.Daemon;
