namespace Sanlock.Chaos;

/// <summary>Result codes sanlock-wire-protocol.md §5.1 (errno values) and §5.2 (sanlock codes) document, plus
/// −13 (EACCES): the errno of the daemon's open() of a lease file passed through, as §5.1 documents for −2 on the
/// same path; the real 3.8.5 (running as user sanlock) returns it while the lease directory is unwritable, and
/// §5.1 does not list it yet.</summary>
public static class Documented
{
    private static readonly HashSet<int> Codes =
    [
        -1, -2, -3, -13, -7, -11, -12, -16, -17, -19, -22, -25, -28, -34, -50, -79, -80, -81, -107, -114, -115, -116, -117,
        -201, -202, -203, -210, -211, -212, -213, -214,
        -220, -221, -222, -223, -224, -225, -226, -227, -228, -229, -230, -231,
        -240, -241, -242, -243, -244, -245, -246, -247, -250, -251, -260, -261, -262,
        -270, -271, -272, -273, -274, -275, -276, -277, -278,
    ];

    public static bool IsDocumented(int code) => Codes.Contains(code);
}
