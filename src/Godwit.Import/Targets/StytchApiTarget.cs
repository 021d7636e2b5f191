using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Godwit.Contracts.Users;
using Godwit.Core.Errors;
using Godwit.Core.Users;

namespace Godwit.Import.Targets;

/// <summary>
/// Imports into any Stytch-compatible API, Stytch's cloud included, one user per request: Create
/// User, or Migrate Password for a user with a hash. Requests are paced (Stytch asks migration
/// scripts to stay under 65 a second), a bounded number run at once, and the connection retries 429
/// and 5xx answers after their Retry-After. A user the API already has (duplicate email, phone or
/// external_id, or an existing password) is looked up and reported as matched.
/// </summary>
public sealed class StytchApiTarget(HttpClient http, int requestsPerSecond, int concurrency) : IBulkUserWriter
{
    public const int StytchCloudRequestsPerSecond = 65;

    /// <summary>Stytch's Create User and Migrate Password take no provider accounts, and no endpoint links one without the person's login.</summary>
    public bool KeepsOAuthIdentities => false;

    private static readonly HashSet<string> AlreadyThere = [.. new[] { ErrorCatalog.DuplicateEmail, ErrorCatalog.DuplicatePhoneNumber, ErrorCatalog.DuplicateExternalId, ErrorCatalog.PasswordAlreadyExists }.Select(e => e.ErrorType)];

    public async Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken)
    {
        using var pace = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestsPerSecond,
            TokensPerPeriod = requestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        });
        var outcomes = new BulkOutcome[users.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, users.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await WriteOneAsync(users[index], upsert, pace, token));
        return outcomes;
    }

    private async Task<BulkOutcome> WriteOneAsync(User user, bool upsert, RateLimiter pace, CancellationToken cancellationToken)
    {
        var hash = UserRequestJson.MigratedHash(user);
        if (hash is not null && user.Emails.Count == 0)
        {
            return new BulkOutcome.Conflict(ErrorCatalog.InvalidEmail.ErrorType, "Migrate Password needs an email, and this user has none.");
        }

        var (status, answer) = hash is null
            ? await SendAsync(HttpMethod.Post, "v1/users", JsonContent.Create(UserRequestJson.CreateUser(user), UserRequestJson.Json.CreateUserRequest), pace, cancellationToken)
            : await SendAsync(HttpMethod.Post, "v1/passwords/migrate", JsonContent.Create(UserRequestJson.MigratePassword(user, hash), UserRequestJson.Json.MigratePasswordRequest), pace, cancellationToken);
        if (status < 300)
        {
            var userId = answer.GetProperty("user_id").GetString()!;
            return answer.TryGetProperty("user_created", out var created) && !created.GetBoolean()
                ? new BulkOutcome.Matched(userId)
                : new BulkOutcome.Created(userId);
        }

        var errorType = answer.TryGetProperty("error_type", out var type) ? type.GetString() ?? "" : "";
        if (!AlreadyThere.Contains(errorType) || await FindAsync(user, pace, cancellationToken) is not { } existing)
        {
            return new BulkOutcome.Conflict(errorType.Length > 0 ? errorType : $"http_{status}", answer.TryGetProperty("error_message", out var message) ? message.GetString() ?? "" : "");
        }

        if (!upsert)
        {
            return new BulkOutcome.Matched(existing);
        }

        var update = JsonContent.Create(UserRequestJson.UpdateUser(user), UserRequestJson.Json.UpdateUserRequest);
        var (updated, updateAnswer) = await SendAsync(HttpMethod.Put, $"v1/users/{existing}", update, pace, cancellationToken);
        return updated < 300
            ? new BulkOutcome.Updated(existing)
            : new BulkOutcome.Conflict(updateAnswer.TryGetProperty("error_type", out var updateType) ? updateType.GetString() ?? "" : $"http_{updated}", "Update User failed.");
    }

    /// <summary>The existing user by external_id, else by email.</summary>
    private async Task<string?> FindAsync(User user, RateLimiter pace, CancellationToken cancellationToken)
    {
        if (user.ExternalId is not null)
        {
            var (status, answer) = await SendAsync(HttpMethod.Get, $"v1/users/{Uri.EscapeDataString(user.ExternalId)}", null, pace, cancellationToken);
            if (status < 300)
            {
                return answer.GetProperty("user_id").GetString();
            }
        }

        if (user.Emails.FirstOrDefault() is { } email)
        {
            var query = new SearchUsersRequest { Limit = 1, Query = new SearchQueryWire("AND", [new SearchOperandWire("email_address", new JsonArray(email.Address))]) };
            var (status, answer) = await SendAsync(HttpMethod.Post, "v1/users/search", JsonContent.Create(query, UserRequestJson.Json.SearchUsersRequest), pace, cancellationToken);
            if (status < 300 && answer.GetProperty("results").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } found)
            {
                return found.GetProperty("user_id").GetString();
            }
        }

        return null;
    }

    private async Task<(int Status, JsonElement Answer)> SendAsync(HttpMethod method, string path, HttpContent? body, RateLimiter pace, CancellationToken cancellationToken)
    {
        using var lease = await pace.AcquireAsync(1, cancellationToken);
        using var request = new HttpRequestMessage(method, path) { Content = body };
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }
}
