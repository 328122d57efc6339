return Sanlock.Cli.CommandLine.Run(args);
