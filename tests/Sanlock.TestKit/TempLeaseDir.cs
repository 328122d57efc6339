namespace Sanlock.TestKit;
