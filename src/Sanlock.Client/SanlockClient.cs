namespace Sanlock.Client;
