namespace Sanlock.Cli.Common;

/// <summary>The real CLI's usage text, byte for byte (printed by <c>sanlock help</c> and by <c>sanlock direct</c> without an action).</summary>
internal static class UsageText
{
    public const string Text = """
        Usage:
        sanlock <command> <action> ...

        commands:
          daemon        start daemon
          client        send request to daemon (default type if none given)
          direct        access storage directly (no coordination with daemon)
          help          print this usage (defaults in parens)
          version       print version

        sanlock daemon [options]
          -D            no fork and print all logging to stderr
          -Q 0|1        quiet error messages for common lock contention (1)
          -R 0|1        renewal debugging, log debug info about renewals (0)
          -H <num>      renewal history size (180)
          -L <pri>      write logging at priority level and up to logfile (4 LOG_WARNING)
                        (use -1 for none)
          -S <pri>      write logging at priority level and up to syslog (3 LOG_ERR)
                        (use -1 for none)
          -U <uid>      user id
          -G <gid>      group id
          -t <num>      max worker threads (8)
          -g <sec>      seconds for graceful recovery (40)
          -w 0|1        use watchdog through wdmd (1)
          -h 0|1        use high priority (RR) scheduling (0)
          -l <num>      use mlockall (0 none, 1 current, 2 current and future) (1)
          -b <sec>      seconds a host id bit will remain set in delta lease bitmap
                        (default: 6 * io_timeout)
          -e <str>      local host name used in delta leases
                        (default: generate new uuid)

        sanlock client <action> [options]
        sanlock client status [-D] [-o p|s]
        sanlock client gets [-h 0|1]
        sanlock client host_status -s LOCKSPACE [-D]
        sanlock client renewal -s LOCKSPACE
        sanlock client set_event -s LOCKSPACE -i <host_id> [-g gen] -e <event> -d <data>
        sanlock client set_config -s LOCKSPACE [-u 0|1] [-O 0|1]
        sanlock client log_dump
        sanlock client shutdown [-f 0|1] [-w 0|1]
        sanlock client init -s LOCKSPACE | -r RESOURCE [-z 0|1] [-Z 512|4096 -A 1M|2M|4M|8M]
        sanlock client read -s LOCKSPACE | -r RESOURCE [-D]
        sanlock client add_lockspace -s LOCKSPACE
        sanlock client inq_lockspace -s LOCKSPACE
        sanlock client rem_lockspace -s LOCKSPACE
        sanlock client command -r RESOURCE -c <path> <args>
        sanlock client acquire -r RESOURCE -p <pid>
        sanlock client convert -r RESOURCE -p <pid>
        sanlock client release -r RESOURCE -p <pid>
        sanlock client inquire -p <pid>
        sanlock client request -r RESOURCE -f <force_mode>
        sanlock client examine -r RESOURCE | -s LOCKSPACE
        sanlock client format -x RINDEX [-Z 512|4096 -A 1M|2M|4M|8M]
        sanlock client create -x RINDEX -e <resource_name>
        sanlock client delete -x RINDEX -e <resource_name>[:<offset>]
        sanlock client lookup -x RINDEX [-e <resource_name>:<offset>]
        sanlock client update -x RINDEX -e <resource_name>[:<offset>] [-z 0|1]
        sanlock client rebuild -x RINDEX

        sanlock direct <action> [-a 0|1] [-o 0|1] [-Z 512|4096 -A 1M|2M|4M|8M]
        sanlock direct init -s LOCKSPACE | -r RESOURCE [-Z 512|4096 -A 1M|2M|4M|8M]
        sanlock direct read_leader -s LOCKSPACE | -r RESOURCE
        sanlock direct dump <path>[:<offset>[:<size>]]
        sanlock direct format -x RINDEX [-Z 512|4096 -A 1M|2M|4M|8M]
        sanlock direct lookup -x RINDEX [-e <resource_name>:<offset>]
        sanlock direct update -x RINDEX -e <resource_name>[:<offset>] [-z 0|1]
        sanlock direct rebuild -x RINDEX

        LOCKSPACE = <lockspace_name>:<host_id>:<path>:<offset>
          <lockspace_name>	name of lockspace
          <host_id>		local host identifier in lockspace
          <path>		path to storage reserved for leases
          <offset>		offset on path (bytes)

        RESOURCE = <lockspace_name>:<resource_name>:<path>:<offset>[:<lver>]
          <lockspace_name>	name of lockspace
          <resource_name>	name of resource
          <path>		path to storage reserved for leases
          <offset>		offset on path (bytes)
          <lver>                optional leader version or SH for shared lease

        RINDEX = <lockspace_name>:<path>:<offset>
          <lockspace_name>	name of lockspace
          <path>		path to storage reserved for leases
          <offset>		offset on path (bytes)

        Limits:
        valid sector/align size combinations: 512/1M, 4K/1M, 4K/2M, 4K/4M, 4K/8M
        maximum host_id for sector/align sizes: 2000, 250, 500, 1000, 2000
        maximum name length for lockspaces and resources: 48
        maximum path length: 1024
        maximum client process connections: 1000


        """;
}
