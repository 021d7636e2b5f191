using Godwit.Cli.CommandLine;

return await GodwitCommandLine.RunAsync(args);
