using System.Globalization;
using Sanlock.Client;
using Sanlock.Daemon;
using Sanlock.Daemon.Configuration;
using Sanlock.Daemon.Hosting;

namespace Sanlock.Cli.Daemon;

/// <summary><c>sanlock daemon [options]</c>: the real daemon's options that matter here, then sanlock.conf, then run.</summary>
internal static class DaemonCommand
{
    public static int Run(string[] args)
    {
        MemoryTuningReexec.Apply(args);
        var options = new DaemonOptions
        {
            RunDirectory = Environment.GetEnvironmentVariable("SANLOCK_RUN_DIR") is { Length: > 0 } dir ? dir
                : UserRunDirectory.IsRoot ? DaemonOptions.DefaultRunDirectory
                : UserRunDirectory.PerUser(),
        };
        string configPath = SanlockConfFile.DefaultPath;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                configPath = args[i + 1];
            }
        }
        if (File.Exists(configPath))
        {
            foreach (string problem in SanlockConfFile.Apply(File.ReadAllText(configPath), options, configPath))
            {
                Console.Error.WriteLine($"sanlock daemon: {problem}");
            }
        }
        string[]? rest = Libvirt.LibvirtDaemonStartup.Apply(args, options, out string? error);
        error ??= Parse(rest!, options);
        if (error is not null)
        {
            Console.Error.WriteLine($"sanlock daemon: {error}");
            return 1;
        }
        if (!UserRunDirectory.IsRoot && options.RunDirectory == UserRunDirectory.PerUser() && UserRunDirectory.Prepare(options.RunDirectory) is { } unsafeDir)
        {
            Console.Error.WriteLine($"sanlock daemon: {unsafeDir}");
            return 1;
        }
        if (options.RunDirectory != DaemonOptions.DefaultRunDirectory)
        {
            Console.Error.WriteLine($"sanlock daemon: using non-standard run directory {options.RunDirectory}");
        }
        return DaemonHost.RunAsync(options, Console.Error).GetAwaiter().GetResult();
    }

    /// <summary>Applies the command line; returns a message naming the bad option, or null.</summary>
    public static string? Parse(string[] args, DaemonOptions options)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "-D")
            {
                options.Foreground = true;
                continue;
            }
            if (arg is "--config" or "--join")
            {
                if (i + 1 >= args.Length)
                {
                    return $"{arg} needs a value";
                }
                if (arg == "--join")
                {
                    options.JoinAtStart.Add(args[i + 1]);
                }
                i++;
                continue;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                return $"unexpected argument \"{arg}\"";
            }
            char option = arg[1];
            string? value = arg.Length > 2 ? arg[2..] : i + 1 < args.Length ? args[++i] : null;
            if (value is null)
            {
                return $"option -{option} needs a value";
            }
            string? problem = option switch
            {
                'w' => Int(value, 0, 1, "-w", v => options.UseWatchdog = v == 1),
                'U' => Set(() => options.User = value),
                'G' => Set(() => options.Group = value),
                'e' => value.Length is 0 or > 48 ? "-e host name must be 1..48 bytes" : Set(() => options.HostName = value),
                'o' => Int(value, 1, 255, "-o", v => options.IoTimeoutSeconds = v),
                'l' => Int(value, 0, 2, "-l", v => options.MlockLevel = v),
                't' => Int(value, 1, 1024, "-t", v => options.MaxWorkerThreads = v),
                'g' => Int(value, 0, 60, "-g", v => options.KillGraceSeconds = v),
                'H' => Int(value, 0, 100000, "-H", v => options.RenewalHistorySize = v),
                'Q' or 'R' or 'L' or 'S' or 'h' or 'b' => null, // accepted for compatibility; no effect here
                _ => $"unknown option -{option}",
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? Set(Action set)
    {
        set();
        return null;
    }

    private static string? Int(string value, int min, int max, string option, Action<int> set)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            return $"{option} must be {min}..{max}, got \"{value}\"";
        }
        set(v);
        return null;
    }
}
