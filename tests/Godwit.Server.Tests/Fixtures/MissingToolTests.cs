using Godwit.Testing;
using Xunit.Sdk;

namespace Godwit.Server.Tests.Fixtures;

// Checks MissingTool itself. The CI value is passed in rather than set in this process's
// environment, which tests running in parallel read.
public sealed class MissingToolTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    [InlineData("0")]
    public void Outside_ci_a_missing_tool_skips_the_test_with_its_reason(string? ci)
    {
        var thrown = Outcome(() => MissingTool.Skip("initdb is not installed", ci));

        var skip = Assert.IsType<SkipException>(thrown);
        Assert.Contains("initdb is not installed", skip.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("1")]
    public void Under_ci_a_missing_tool_fails_the_test_with_its_reason(string ci)
    {
        var thrown = Outcome(() => MissingTool.Skip("initdb is not installed", ci));

        var failure = Assert.IsType<FailException>(thrown);
        Assert.Contains("initdb is not installed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_public_skip_follows_this_processs_own_ci_variable()
    {
        var underCi = Environment.GetEnvironmentVariable("CI") is "true" or "TRUE" or "True" or "1";

        var thrown = Outcome(() => MissingTool.Skip("chromium is not installed"));

        Assert.IsType(underCi ? typeof(FailException) : typeof(SkipException), thrown);
    }

    [Fact]
    public void The_ci_script_sets_ci_and_runs_exactly_the_readmes_test_command()
    {
        var script = File.ReadAllLines(Path.Combine(NodePackages.RepositoryRoot(), ".ci", "run"));

        Assert.Contains("export CI=true", script);
        Assert.Equal("dotnet test", script.Last(line => line.Trim().Length > 0));
    }

    /// <summary>What the call threw. Not Record.Exception, which lets a skip through so that it skips the test.</summary>
    private static Exception? Outcome(Action call)
    {
        try
        {
            call();
            return null;
        }
        catch (Exception thrown)
        {
            return thrown;
        }
    }
}
