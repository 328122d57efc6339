using Sanlock.Protocol;

namespace Sanlock.UnitTests.Protocol;

/// <summary>Every message captured between the real 3.8.5 clients and daemon decodes with our codecs and
/// re-encodes to the identical bytes (sanlock-wire-protocol.md §9).</summary>
public class WireCaptureReplayTests
{
    public static TheoryData<string> CaptureFiles() => [.. WireCaptureFiles.Names()];

    [Fact]
    public void CaptureDirectory_HoldsTheSpecsCaptures() =>
        Assert.True(WireCaptureFiles.Names().Count() >= 36, $"expected the 36 wire-*.hex files in {WireCaptureFiles.Directory}");

    [Theory]
    [MemberData(nameof(CaptureFiles))]
    public void EveryCapturedMessage_DecodesAndReencodesToIdenticalBytes(string file)
    {
        WireCapture capture = WireCaptureFiles.Load(file);
        Assert.NotEmpty(capture.Connections);
        int checkedMessages = 0;
        foreach (WireConnection connection in capture.Connections)
        {
            List<ReplayedMessage> messages = WireReplay.Replay(connection);
            Assert.NotEmpty(messages);
            foreach (ReplayedMessage message in messages.Where(m => m.Reencoded is not null))
            {
                if (!message.Original.AsSpan().SequenceEqual(message.Reencoded))
                {
                    int diff = FirstDifference(message.Original, message.Reencoded!);
                    Assert.Fail($"{file} {connection} {message.Direction} {message.Header}: re-encoded bytes differ at offset {diff} " +
                        $"(lengths {message.Original.Length} / {message.Reencoded!.Length})");
                }
                checkedMessages++;
            }
        }
        Assert.True(checkedMessages > 0, $"{file}: no message re-encoded");
    }

    /// <summary>The capture's own <c># header:</c> decodes (cmd, flags, length, seq, data, data2) appear, in order,
    /// among ours (the capture annotates only the first message of a segment and no event callback).</summary>
    [Theory]
    [MemberData(nameof(CaptureFiles))]
    public void DecodedHeaders_MatchTheCapturesAnnotations(string file)
    {
        foreach (WireConnection connection in WireCaptureFiles.Load(file).Connections)
        {
            List<ReplayedMessage> messages = WireReplay.Replay(connection);
            foreach (WireDirection direction in Enum.GetValues<WireDirection>())
            {
                string[] annotated = [.. connection.AnnotatedHeaders.Where(h => h.Direction == direction).Select(h => Essentials(h.Text))];
                string[] decoded = [.. messages.Where(m => m.Direction == direction && m.Header.Magic == SmHeader.SmMagic)
                    .Select(m => $"cmd={(uint)m.Header.Command} flags=0x{m.Header.CmdFlags:x} length={m.Header.Length} seq={m.Header.Seq} data={m.Header.Result} data2={(int)m.Header.Data2}")];
                Assert.True(IsSubsequence(annotated, decoded),
                    $"{file} {connection} {direction}:\n annotated: {string.Join(" | ", annotated)}\n decoded:   {string.Join(" | ", decoded)}");
            }
        }
    }

    [Fact]
    public void AllCaptures_CoverEveryCommandOfTheProtocol()
    {
        var seen = new HashSet<SmCommand>();
        foreach (string file in WireCaptureFiles.Names())
        {
            foreach (WireConnection connection in WireCaptureFiles.Load(file).Connections)
            {
                foreach (ReplayedMessage message in WireReplay.Replay(connection).Where(m => m.Direction == WireDirection.ClientToDaemon))
                {
                    seen.Add(message.Header.Command);
                }
            }
        }
        SmCommand[] missing = [.. Enum.GetValues<SmCommand>().Where(c => c != SmCommand.ShutdownComplete && !seen.Contains(c))];
        Assert.True(missing.Length == 0, $"commands never decoded from a capture: {string.Join(", ", missing)}");
    }

    /// <summary><c>magic=… version=… cmd=7(ACQUIRE) cmd_flags=0x0 length=1256 seq=0 data=1(0x1) data2=27157(0x6a15)</c>
    /// reduced to the fields we compare.</summary>
    private static string Essentials(string annotation)
    {
        var fields = annotation.Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1].Split('(')[0]);
        return $"cmd={fields["cmd"]} flags={fields["cmd_flags"]} length={fields["length"]} seq={fields["seq"]} data={fields["data"]} data2={fields["data2"]}";
    }

    private static bool IsSubsequence(string[] part, string[] whole)
    {
        int j = 0;
        foreach (string item in whole)
        {
            if (j < part.Length && part[j] == item)
            {
                j++;
            }
        }
        return j == part.Length;
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }
        return n;
    }
}
