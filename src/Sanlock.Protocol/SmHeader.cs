namespace Sanlock.Protocol;
