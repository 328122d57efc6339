using System.Collections.Immutable;

namespace Sanlock.Libvirt.Conf;

/// <summary>A value in a libvirt-style config file (spec §1.2): there is no boolean literal.</summary>
public abstract record ConfValue;

/// <summary>A quoted string; no escapes exist, so this is the text between the quotes.</summary>
public sealed record ConfString(string Value) : ConfValue;

/// <summary>A number written without a leading <c>-</c> (an optional <c>+</c> is allowed).</summary>
public sealed record ConfUnsigned(ulong Value) : ConfValue;

/// <summary>A number written with a leading <c>-</c>, even <c>-0</c>: typed getters for unsigned keys refuse it.</summary>
public sealed record ConfSigned(long Value) : ConfValue;

/// <summary>A bracketed list; elements may be any value, typed getters decide what they accept.</summary>
public sealed record ConfList(ImmutableArray<ConfValue> Items) : ConfValue
{
    public bool Equals(ConfList? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}
