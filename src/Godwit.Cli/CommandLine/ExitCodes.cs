namespace Godwit.Cli.CommandLine;

/// <summary>How every command ends, as docs/cli.md lists them.</summary>
internal static class ExitCodes
{
    public const int Done = 0;

    /// <summary>The work failed, or a setting is to be fixed first.</summary>
    public const int Failed = 1;

    /// <summary>A mistake on the command line; nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C or SIGTERM, as a shell reports a process ended by SIGINT.</summary>
    public const int Interrupted = 130;
}
