using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.BadInput;

/// <summary>One hostile request: a route, the path to send it to, a label for the report, and the body.</summary>
internal sealed record HostileRequest(SweptRoute Route, string Path, string Case, byte[]? Body, bool MayCloseConnection = false);

/// <summary>
/// Sends hostile requests to a running Godwit and collects what breaks the rules: any 5xx, any 4xx
/// outside Stytch's error shape, and any row written by a request that should have been refused.
/// Paths name a real user, email and phone number, so that a request wrongly taken as valid would
/// act on something (and show in the row counts) rather than miss.
/// </summary>
internal sealed partial class BadInputSweep : IDisposable
{
    private const int Parallelism = 4;

    private readonly GodwitHost host;
    private readonly HttpClient client;
    private readonly Dictionary<string, string> ids;
    private readonly ConcurrentQueue<string> findings = new();
    private readonly HashSet<SweptRoute> acceptsEmptyObject = [];
    private int sent;

    private BadInputSweep(GodwitHost host, IReadOnlyList<SweptRoute> routes, Dictionary<string, string> ids)
    {
        this.host = host;
        Routes = routes;
        this.ids = ids;
        // A large body is sent only once the server asks for it with 100 Continue, however long it
        // takes to answer: an endpoint that answers without reading it, or refuses it by its
        // Content-Length, then gets no upload to cut short, and the sweep no broken pipe.
        client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = host.Client.DefaultRequestHeaders.Authorization;
    }

    public IReadOnlyList<SweptRoute> Routes { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<BadInputSweep> StartAsync(GodwitHost host)
    {
        var created = await host.Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("sweep"), phone_number = ApiCalls.UniquePhone() });
        Assert.True(created.Status == HttpStatusCode.OK, created.ToString());
        var ids = new Dictionary<string, string>
        {
            ["userId"] = created.Text("user_id"),
            ["emailId"] = created.Text("email_id"),
            ["phoneId"] = created.Text("phone_id"),
            ["projectId"] = host.ProjectId,
            ["domain"] = "localhost",
        };
        var routes = SweptRoute.All(host);
        // A sweep that found no routes would pass having proved nothing.
        Assert.Contains(new SweptRoute("POST", "/v1/users"), routes);
        Assert.Contains(new SweptRoute("DELETE", "/v1/users/{userId}"), routes);
        return new BadInputSweep(host, routes, ids);
    }

    /// <summary>The route's path with a real or well-formed id for each parameter, as a client would send it.</summary>
    public string PathOf(SweptRoute route) => route.Path(IdFor);

    /// <summary>
    /// The route's path with <paramref name="encoded"/> as <paramref name="parameter"/>, and ids of
    /// nothing for the other parameters, so that a request that got through would act on nobody.
    /// </summary>
    public static string PathWith(SweptRoute route, string? parameter, string encoded) =>
        route.Path(name => name == parameter ? encoded : AbsentIdFor(name));

    /// <summary>A request to the route's path (ids filled in) with <paramref name="body"/>.</summary>
    public HostileRequest Request(SweptRoute route, string label, byte[]? body) => new(route, PathOf(route), label, body);

    /// <summary>
    /// Sends an empty object, once, and remembers whether the route takes it as a valid request (Create
    /// User makes a user with no identifiers): there, a body whose only field the route ignores is
    /// valid too, and may write.
    /// </summary>
    public async Task<SweepAnswer> SendEmptyObjectAsync(SweptRoute route)
    {
        var answer = await SendAsync(Request(route, "empty object", "{}"u8.ToArray()), Cancel);
        if (answer.IsSuccess)
        {
            acceptsEmptyObject.Add(route);
        }

        return answer;
    }

    /// <summary>
    /// Sends the requests and returns the answers in the same order. Requests to routes that refuse an
    /// empty object go out in parallel, and afterwards no row may have changed; those to routes that
    /// take one go one at a time, and each that is refused must have changed no row.
    /// </summary>
    public async Task<IReadOnlyList<SweepAnswer>> SendAsync(IEnumerable<HostileRequest> requests)
    {
        var all = requests.ToList();
        var answers = new SweepAnswer[all.Count];
        var batch = Enumerable.Range(0, all.Count).Where(i => !acceptsEmptyObject.Contains(all[i].Route)).ToList();
        var before = await TableCounts.ReadAsync(host, Cancel);
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = Cancel }, async (i, cancellationToken) =>
            answers[i] = await SendAsync(all[i], cancellationToken));
        var changes = before.ChangesTo(await TableCounts.ReadAsync(host, Cancel));
        if (changes.Count > 0)
        {
            findings.Enqueue($"rows were written ({string.Join(", ", changes)}); the requests answered 2xx were:\n    "
                + string.Join("\n    ", batch.Select(i => answers[i]).Where(answer => answer.IsSuccess)));
        }

        var counts = await TableCounts.ReadAsync(host, Cancel);
        foreach (var i in Enumerable.Range(0, all.Count).Except(batch))
        {
            answers[i] = await SendAsync(all[i], Cancel);
            var after = await TableCounts.ReadAsync(host, Cancel);
            if (!answers[i].IsSuccess && counts.ChangesTo(after) is { Count: > 0 } written)
            {
                findings.Enqueue($"{answers[i]}: refused, yet rows were written ({string.Join(", ", written)})");
            }

            counts = after;
        }

        return answers;
    }

    /// <summary>Fails the test with every finding, so one run shows them all.</summary>
    public void AssertClean()
    {
        Assert.True(sent > 0, "The sweep sent nothing.");
        Assert.True(findings.IsEmpty, $"{findings.Count} of {sent} hostile requests broke the rules:\n  " + string.Join("\n  ", findings.Take(100)));
    }

    public void Dispose() => client.Dispose();

    private async Task<SweepAnswer> SendAsync(HostileRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref sent);
        SweepAnswer answer;
        try
        {
            answer = await RawCall.SendAsync(client, request, cancellationToken);
        }
        catch (HttpRequestException exception) when (!request.MayCloseConnection)
        {
            findings.Enqueue($"{request.Route} [{request.Case}]: no answer ({exception.Message} {exception.InnerException?.Message})");
            return new SweepAnswer(request.Route, request.Case, 0, "");
        }
        catch (HttpRequestException)
        {
            return new SweepAnswer(request.Route, request.Case, 0, "(connection closed)");
        }

        if (answer.Problem() is { } problem && !GarbageText.RefusedByKestrel(request.Path, answer))
        {
            findings.Enqueue($"{problem}: {answer}");
        }

        return answer;
    }

    /// <summary>The real user's ids where the route names them, else an id of nothing.</summary>
    private string IdFor(string parameter) => ids.TryGetValue(parameter, out var id) ? Uri.EscapeDataString(id) : AbsentIdFor(parameter);

    /// <summary>A well-formed id that names nothing (<c>passwordId</c> → <c>password-live-…</c>); a real value where only one exists.</summary>
    private static string AbsentIdFor(string parameter) => parameter switch
    {
        "domain" => "localhost",
        "phoneId" => $"phone-number-live-{Guid.NewGuid():D}",
        _ => $"{IdPrefix().Replace(parameter.EndsWith("Id", StringComparison.Ordinal) ? parameter[..^2] : parameter, "$1-$2").ToLowerInvariant()}-live-{Guid.NewGuid():D}",
    };

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex IdPrefix();
}
