using Godwit.Testing;
using Xunit.v3;

[assembly: TestPipelineStartup(typeof(PostgresShutdown))]
