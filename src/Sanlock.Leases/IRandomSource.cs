namespace Sanlock.Leases;

/// <summary>Randomness for back-off delays; injected so a simulation replays from its seed.</summary>
public interface IRandomSource
{
    /// <summary>A value in [0, 1).</summary>
    double NextDouble();
}

/// <summary>The shared <see cref="Random"/> (back-off needs no cryptographic quality).</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static SystemRandomSource Instance { get; } = new();

    public double NextDouble() => Random.Shared.NextDouble();
}
