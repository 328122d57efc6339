using Sanlock.Lockd.Native;

namespace Sanlock.UnitTests.Lockd;

public class ProcStatTests
{
    // A real /proc/PID/stat tail (from `cat /proc/self/stat`) with starttime, field 22, set to 987654.
    private const string Tail = " 14979 14979 6995 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 987654 3133440 359 18446744073709551615";

    [Fact]
    public void ParseStartTime_ReadsField22()
    {
        Assert.Equal(987654UL, ProcStat.ParseStartTime("42 (sleep) S" + Tail));
    }

    [Fact]
    public void ParseStartTime_CommandWithSpacesAndParens_IsSkipped()
    {
        Assert.Equal(987654UL, ProcStat.ParseStartTime("42 (a b) (c)) R" + Tail));
    }

    [Fact]
    public void ParseStartTime_Zombie_CountsAsGone()
    {
        Assert.Null(ProcStat.ParseStartTime("42 (sleep) Z" + Tail));
    }

    [Fact]
    public void StartTime_OfThisProcess_IsStable()
    {
        ulong? first = ProcStat.StartTime(Environment.ProcessId);
        Assert.NotNull(first);
        Assert.Equal(first, ProcStat.StartTime(Environment.ProcessId));
    }
}
