using Xunit.Sdk;
using Xunit.v3;

namespace Godwit.Testing;

/// <summary>
/// Stops the shared PostgreSQL cluster when a test assembly's run ends, before the runner returns.
/// Stopped later, from a process-exit handler, a slow shutdown on a busy machine outlasts the
/// runner's wait for the process to exit, and the run fails although every test passed. Each test
/// project that uses <see cref="PostgresCluster.Shared"/> declares
/// <c>[assembly: TestPipelineStartup(typeof(PostgresShutdown))]</c>.
/// </summary>
public sealed class PostgresShutdown : ITestPipelineStartup
{
    public ValueTask StartAsync(IMessageSink diagnosticMessageSink) => ValueTask.CompletedTask;

    public ValueTask StopAsync() => PostgresCluster.StopSharedAsync();
}
