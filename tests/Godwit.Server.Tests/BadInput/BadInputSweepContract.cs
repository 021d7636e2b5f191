using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.BadInput;

/// <summary>
/// Every route the server maps, swept with malformed input: zero 5xx, every 4xx in Stytch's error
/// shape, and nothing written by a refused request. The routes come from the running server, so a
/// new endpoint is swept without anyone listing it here.
/// </summary>
public abstract class BadInputSweepContract
{
    protected abstract GodwitHost Host { get; }

    [Fact]
    public async Task Every_route_refuses_malformed_bodies_in_stytchs_error_shape_and_writes_nothing()
    {
        using var sweep = await BadInputSweep.StartAsync(Host);

        await sweep.SendAsync(
            from route in sweep.Routes
            from body in MalformedBodies.All()
            select sweep.Request(route, body.Name, body.Bytes) with { MayCloseConnection = body.MayCloseConnection });

        sweep.AssertClean();
    }

    [Fact]
    public async Task Every_field_a_route_reads_refuses_wrong_types_and_survives_hostile_values_without_writing()
    {
        using var sweep = await BadInputSweep.StartAsync(Host);
        var reached = await ReachableFields.FindAsync(sweep, SweptField.All());

        await sweep.SendAsync(
            from field in reached
            from value in HostileValues.For(field.Field.Kind)
            select sweep.Request(field.Route, $"{field.Field.Name} = {value.Name}", field.BodyWith(value.Json)));

        Assert.Contains(reached, field => field.Route == new SweptRoute("POST", "/v1/otps/authenticate") && field.Field.Name == "session_duration_minutes");
        sweep.AssertClean();
    }

    [Fact]
    public async Task Every_route_answers_garbage_route_parameters_and_query_strings_in_stytchs_error_shape_and_writes_nothing()
    {
        using var sweep = await BadInputSweep.StartAsync(Host);

        var parameters =
            from route in sweep.Routes
            from parameter in route.Parameters
            from garbage in GarbageText.Segments()
            select new HostileRequest(route, BadInputSweep.PathWith(route, parameter, garbage.Encoded), $"{parameter} = {garbage.Name}", BodyFor(route));
        var queries =
            from route in sweep.Routes.Where(route => route.Method is "GET" or "DELETE")
            from query in GarbageText.Queries()
            select new HostileRequest(route, BadInputSweep.PathWith(route, null, "") + query.Encoded, query.Name, BodyFor(route));
        await sweep.SendAsync(parameters.Concat(queries));

        sweep.AssertClean();
    }

    /// <summary>What the official SDK sends: nothing with a GET, an empty object otherwise.</summary>
    private static byte[]? BodyFor(SweptRoute route) => route.Method == "GET" ? null : "{}"u8.ToArray();
}

public sealed class BadInputSweepOnSqlite(SqliteGodwit godwit) : BadInputSweepContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class BadInputSweepOnPostgres(PostgresGodwit godwit) : BadInputSweepContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
