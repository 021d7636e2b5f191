namespace Godwit.Server.Hosting;

/// <summary>
/// Configuration Godwit refuses to start with. The message is one line that says what to set, and
/// the command line prints it alone: a stack trace would bury it.
/// </summary>
public sealed class ConfigurationProblemException(string message) : Exception(message);
