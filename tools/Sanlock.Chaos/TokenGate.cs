namespace Sanlock.Chaos;

/// <summary>The fencing rule of a guarded disk: the newest tokens it has accepted. An exclusive write needs a token
/// not older than any accepted one; a shared write one not older than any accepted exclusive one (shared holders of
/// one lease version write side by side).</summary>
public readonly record struct TokenGate(long NewestAny, long NewestExclusive)
{
    public bool Accepts(long token, bool exclusive) => exclusive ? token >= NewestAny : token >= NewestExclusive;

    public TokenGate After(long token, bool exclusive) =>
        new(Math.Max(NewestAny, token), exclusive ? Math.Max(NewestExclusive, token) : NewestExclusive);
}
