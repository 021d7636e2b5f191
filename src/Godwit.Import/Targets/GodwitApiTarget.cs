using System.Net.Http.Json;
using System.Text.Json;
using Godwit.Contracts.Users;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Import.Targets;

/// <summary>
/// Imports into a running Godwit through <c>POST /v1/users/import</c>, up to a thousand users per
/// request. Each migrated hash travels in the migrate request's shape, which is how it is stored.
/// A TOTP arrives sealed under <paramref name="transitKeys"/>, which only this process holds, and
/// travels as its plain secret: the server checks and seals it under its own keys.
/// </summary>
public sealed class GodwitApiTarget(HttpClient http, ProjectKeys transitKeys) : IBulkUserWriter
{
    /// <summary>
    /// Keys made for one run, never stored: validation seals the export's TOTPs under them exactly as
    /// for the database (so it refuses the same secrets), and this target opens them to send them.
    /// </summary>
    public static ProjectKeys NewTransitKeys() =>
        new(new EncryptionKeyRing([EncryptionKey.TryParse(EncryptionKey.NewSetting(DateTimeOffset.UtcNow), out _)!], projectSecret: null));

    public const int UsersPerRequest = 1_000;

    public async Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken)
    {
        var outcomes = new List<BulkOutcome>(users.Count);
        foreach (var chunk in users.Chunk(UsersPerRequest))
        {
            var body = new ImportUsersRequest(chunk.Select(user => UserRequestJson.ImportRow(user, transitKeys)).ToList(), upsert);
            using var response = await http.PostAsync("v1/users/import", JsonContent.Create(body, UserRequestJson.Json.ImportUsersRequest), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"POST /v1/users/import answered {(int)response.StatusCode}: {text}");
            }

            using var answer = JsonDocument.Parse(text);
            foreach (var result in answer.RootElement.GetProperty("results").EnumerateArray())
            {
                var userId = result.GetProperty("user_id").GetString();
                outcomes.Add(result.GetProperty("outcome").GetString() switch
                {
                    "created" => new BulkOutcome.Created(userId!),
                    "updated" => new BulkOutcome.Updated(userId!),
                    "skipped" => new BulkOutcome.Matched(userId!),
                    _ => new BulkOutcome.Conflict(result.GetProperty("error_type").GetString() ?? "failed", result.GetProperty("error_message").GetString() ?? ""),
                });
            }
        }

        return outcomes;
    }
}
