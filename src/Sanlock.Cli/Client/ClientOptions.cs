namespace Sanlock.Cli.Client;

/// <summary>The options of <c>sanlock client ACTION</c>, as the real CLI reads them (each letter takes the next
/// argument as its value, except <c>-D</c>; a repeated option overrides, except <c>-r</c> which accumulates).</summary>
internal sealed class ClientOptions
{
    public required string Action { get; init; }

    public string? Lockspace { get; set; }

    /// <summary>-r values that parsed (a bad one prints "resource arg parse error N" and is skipped, as in 3.8.5).</summary>
    public List<Sanlock.Protocol.Structs.SanlkResource> Resources { get; } = [];

    public string? Rindex { get; set; }

    public int Pid { get; set; } = -1;

    public bool Debug { get; set; }

    /// <summary><c>-o</c>: io_timeout for add_lockspace/init (default 10), sort order p|s for status.</summary>
    public string? OptionO { get; set; }

    public int IoTimeout => OptionO is null ? 10 : Sanlock.Protocol.Text.CNumber.Atoi(OptionO);

    public int Hosts { get; set; }

    public ulong HostId { get; set; }

    public ulong Generation { get; set; }

    /// <summary><c>-e</c>: event number for set_event, resource name for the rindex actions.</summary>
    public string? OptionE { get; set; }

    public ulong Data { get; set; }

    public int? Used { get; set; }

    public int Orphan { get; set; }

    public bool OrphanGiven { get; set; }

    public int Force { get; set; }

    public int Wait { get; set; }

    public int Clear { get; set; }

    public int SectorSize { get; set; }

    public string? AlignSize { get; set; }

    public int Persistent { get; set; }

    /// <summary><c>-a 1</c>: release all (REL_ALL).</summary>
    public int All { get; set; }

    public int OptionA() => All;

    public int NumHosts { get; set; }

    public int MaxHosts { get; set; }

    /// <summary><c>-c PATH ARGS…</c> for <c>command</c>: everything after <c>-c</c>.</summary>
    public List<string>? Command { get; set; }
}
