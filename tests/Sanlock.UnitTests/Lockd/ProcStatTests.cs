using Sanlock.Lockd.Native;

namespace Sanlock.UnitTests.Lockd;

public class ProcStatTests
{
    private const string Tail = " 1 1 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";

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
