using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Godwit.Bench.Scaling;

/// <summary>What must hold when two processes serve one database: each check writes through one and reads through the other.</summary>
internal sealed class Checks(Tally tally)
{
    /// <summary>The key ids of the JWTs each process signed, in the order first seen.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> KeyIds { get; } = new(StringComparer.Ordinal);

    /// <summary>A user created through one process is found, as created, through the other.</summary>
    public async Task UserAsync(Api writer, Api reader, CancellationToken cancellationToken)
    {
        var email = $"user-{Guid.NewGuid():N}@scaling.example";
        var created = await writer.PostAsync("/v1/users", new { email }, cancellationToken);
        if (created.Status != HttpStatusCode.OK || created.Field("user_id") is not { } userId)
        {
            tally.Fail($"create user on {writer.Name}", created.ToString());
            return;
        }

        var found = await reader.GetAsync($"/v1/users/{userId}", cancellationToken);
        var address = found.Body?.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("email").GetString()).FirstOrDefault();
        if (found.Status != HttpStatusCode.OK || address != email)
        {
            tally.Fail($"user created on {writer.Name} read on {reader.Name}", found.ToString());
        }
    }

    /// <summary>
    /// A session started through one process authenticates through the other, by token and by the
    /// JWT the first signed; the JWT the second signs in return authenticates through the first.
    /// </summary>
    public async Task SessionAsync(Api issuer, Api verifier, CancellationToken cancellationToken)
    {
        if (await StartSessionAsync(issuer, cancellationToken) is not var (token, jwt))
        {
            return;
        }

        var byToken = await verifier.PostAsync("/v1/sessions/authenticate", new { session_token = token }, cancellationToken);
        var byJwt = await verifier.PostAsync("/v1/sessions/authenticate", new { session_jwt = jwt }, cancellationToken);
        if (byToken.Status != HttpStatusCode.OK)
        {
            tally.Fail($"session token of {issuer.Name} on {verifier.Name}", byToken.ToString());
        }

        if (byJwt.Status != HttpStatusCode.OK || byJwt.Field("session_jwt") is not { } signedByVerifier)
        {
            tally.Fail($"session JWT of {issuer.Name} on {verifier.Name}", byJwt.ToString());
            return;
        }

        Seen(signedByVerifier);
        var back = await issuer.PostAsync("/v1/sessions/authenticate", new { session_jwt = signedByVerifier }, cancellationToken);
        if (back.Status != HttpStatusCode.OK)
        {
            tally.Fail($"session JWT of {verifier.Name} on {issuer.Name}", back.ToString());
        }
    }

    /// <summary>
    /// Revokes through <paramref name="revoker"/> a session that <paramref name="checker"/> has just
    /// accepted, and returns how long after the revocation's answer <paramref name="checker"/> first
    /// refuses its token and its JWT (null if it still accepts them after 10 seconds).
    /// </summary>
    public async Task<TimeSpan?> RevocationAsync(Api checker, Api revoker, CancellationToken cancellationToken)
    {
        if (await StartSessionAsync(checker, cancellationToken) is not var (token, jwt))
        {
            return null;
        }

        var before = await checker.PostAsync("/v1/sessions/authenticate", new { session_token = token }, cancellationToken);
        var revoked = await revoker.PostAsync("/v1/sessions/revoke", new { session_token = token }, cancellationToken);
        if (before.Status != HttpStatusCode.OK || revoked.Status != HttpStatusCode.OK)
        {
            tally.Fail($"revoke on {revoker.Name}", $"{before} / {revoked}");
            return null;
        }

        var since = Stopwatch.StartNew();
        while (since.Elapsed < TimeSpan.FromSeconds(10))
        {
            var byToken = await checker.PostAsync("/v1/sessions/authenticate", new { session_token = token }, cancellationToken);
            var byJwt = await checker.PostAsync("/v1/sessions/authenticate", new { session_jwt = jwt }, cancellationToken);
            if (byToken.ErrorType == "session_not_found" && byJwt.ErrorType == "session_not_found")
            {
                return since.Elapsed;
            }

            tally.Fail($"revoked on {revoker.Name}, still accepted on {checker.Name}", $"{byToken} / {byJwt}");
            await Task.Delay(5, cancellationToken);
        }

        return null;
    }

    private async Task<(string Token, string Jwt)?> StartSessionAsync(Api api, CancellationToken cancellationToken)
    {
        var started = await api.PostAsync("/v1/passwords", new
        {
            email = $"session-{Guid.NewGuid():N}@scaling.example",
            password = $"Kestrel-{Guid.NewGuid():N}-harbour",
            session_duration_minutes = 60,
        }, cancellationToken);
        if (started.Status != HttpStatusCode.OK || started.Field("session_token") is not { } token || started.Field("session_jwt") is not { } jwt)
        {
            tally.Fail($"start session on {api.Name}", started.ToString());
            return null;
        }

        Seen(jwt);
        return (token, jwt);
    }

    private void Seen(string jwt)
    {
        var header = jwt[..jwt.IndexOf('.', StringComparison.Ordinal)].Replace('-', '+').Replace('_', '/');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '='))));
        KeyIds.TryAdd(json.RootElement.GetProperty("kid").GetString()!, DateTimeOffset.UtcNow);
    }
}
