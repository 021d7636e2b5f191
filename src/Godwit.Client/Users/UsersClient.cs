using Godwit.Client.Http;
using Godwit.Contracts.Users;

namespace Godwit.Client.Users;

/// <summary>Users: <c>/v1/users</c>. A user id parameter also accepts the user's external_id.</summary>
public sealed class UsersClient
{
    private readonly ApiTransport transport;

    internal UsersClient(ApiTransport transport) => this.transport = transport;

    /// <summary>Creates a user with an email and/or a phone number. Not retried on failure (it is not idempotent).</summary>
    public Task<CreateUserResponse> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/users", request, WireJson.Requests.CreateUserRequest, WireJson.Responses.CreateUserResponse, safeToRetry: false, cancellationToken);

    /// <summary>Gets a user by user_id or external_id.</summary>
    public Task<GetUserResponse> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        transport.GetAsync($"v1/users/{Uri.EscapeDataString(userId)}", WireJson.Responses.GetUserResponse, cancellationToken);

    /// <summary>Searches users: a query of filters, a page size and the cursor of the previous page.</summary>
    public Task<SearchUsersResponse> SearchAsync(SearchUsersRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/users/search", request, WireJson.Requests.SearchUsersRequest, WireJson.Responses.SearchUsersResponse, safeToRetry: true, cancellationToken);

    /// <summary>Updates a user's name, metadata or external_id.</summary>
    public Task<UpdateUserResponse> UpdateAsync(string userId, UpdateUserRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Put, $"v1/users/{Uri.EscapeDataString(userId)}", request, WireJson.Requests.UpdateUserRequest, WireJson.Responses.UpdateUserResponse, safeToRetry: true, cancellationToken);

    /// <summary>
    /// Exchanges the user's one email or phone number for <c>email_address</c> or <c>phone_number</c>
    /// (unverified). Never retried: after a success the new address is taken, and a retry would fail.
    /// </summary>
    public Task<UserChangedResponse> ExchangePrimaryFactorAsync(string userId, ExchangePrimaryFactorRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Put, $"v1/users/{Uri.EscapeDataString(userId)}/exchange_primary_factor", request, WireJson.Requests.ExchangePrimaryFactorRequest, WireJson.Responses.UserChangedResponse, safeToRetry: false, cancellationToken);

    /// <summary>
    /// Godwit's bulk import (<c>POST /v1/users/import</c>, not a Stytch endpoint): 1 to 1,000 users
    /// written in one transaction, answered per user. Retried on failure: a user already there, by
    /// external_id or else email, is skipped (or updated with upsert), never created twice.
    /// </summary>
    public Task<ImportUsersResponse> ImportAsync(ImportUsersRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/users/import", request, WireJson.Requests.ImportUsersRequest, WireJson.Responses.ImportUsersResponse, safeToRetry: true, cancellationToken);

    /// <summary>Deletes a user with its addresses, sessions and pending codes.</summary>
    public Task<DeleteUserResponse> DeleteAsync(string userId, CancellationToken cancellationToken = default) =>
        transport.DeleteAsync($"v1/users/{Uri.EscapeDataString(userId)}", WireJson.Responses.DeleteUserResponse, cancellationToken);
}
