using System.Text.Json;
using Godwit.Contracts.Users;
using Godwit.Core.Errors;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;

namespace Godwit.Server.Users;

internal static class UserEndpoints
{
    private static readonly Dictionary<string, ApiError> ExchangeErrors = new() { ["email_address"] = ErrorCatalog.InvalidEmail };

    public static void MapUserApi(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users");
        users.MapPost("", CreateAsync).AcceptsAndReturns<CreateUserRequest, CreateUserResponse>();
        users.MapPost("/search", SearchAsync).AcceptsAndReturns<SearchUsersRequest, SearchUsersResponse>();
        users.MapGet("/{userId}", GetAsync).Returns<GetUserResponse>();
        users.MapPut("/{userId}", UpdateAsync).AcceptsAndReturns<UpdateUserRequest, UpdateUserResponse>();
        users.MapDelete("/{userId}", DeleteAsync).Returns<DeleteUserResponse>();
        users.MapDelete("/emails/{emailId}", DeleteEmailAsync).Returns<UserChangedResponse>();
        users.MapDelete("/phone_numbers/{phoneId}", DeletePhoneAsync).Returns<UserChangedResponse>();
        users.MapDelete("/{userId}/external_id", DeleteExternalIdAsync).Returns<UserChangedResponse>();
        users.MapPut("/{userId}/exchange_primary_factor", ExchangePrimaryFactorAsync).AcceptsAndReturns<ExchangePrimaryFactorRequest, UserChangedResponse>();
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<CreateUserRequest>(request, cancellationToken);
        var command = new CreateUserCommand(
            body.Email,
            body.PhoneNumber,
            PersonNameOf(body.Name),
            body.TrustedMetadata,
            body.UntrustedMetadata,
            body.ExternalId,
            body.CreateUserAsPending ?? false,
            body.Roles);
        var result = await users.CreateAsync(command, cancellationToken);
        return ApiResults.From(result, created => new CreateUserResponse(
            created.User.UserId,
            created.Email?.EmailId ?? "",
            created.User.Status == UserStatus.Active ? "active" : "pending",
            created.Phone?.PhoneId ?? "",
            UserWireMapper.ToWire(created.User, clock.GetUtcNow().UtcDateTime)));
    }

    private static async Task<IResult> GetAsync(string userId, UserService users, TimeProvider clock, CancellationToken cancellationToken) =>
        ApiResults.From(await users.GetAsync(userId, cancellationToken), user => GetUserResponse.From(UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));

    private static async Task<IResult> SearchAsync(HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (filter, cursor, limit) = UserSearchRequest.Read(await WireRequest.ReadAsync<SearchUsersRequest>(request, cancellationToken));
        var page = await users.SearchAsync(filter, cursor, limit, cancellationToken);
        return ApiResults.Ok(new SearchUsersResponse(
            page.Users.Select(user => UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)).ToList(),
            new ResultsMetadataWire(page.Total, page.Next is null ? null : UserSearchRequest.EncodeCursor(page.Next))));
    }

    private static async Task<IResult> UpdateAsync(string userId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<UpdateUserRequest>(request, cancellationToken);
        var command = new UpdateUserCommand(
            userId,
            PersonNameOf(body.Name),
            body.TrustedMetadata,
            body.UntrustedMetadata,
            body.ExternalId,
            AtMostTen(body.Emails, "emails").Select(entry => entry.Email).ToList(),
            AtMostTen(body.PhoneNumbers, "phone_numbers").Select(entry => entry.PhoneNumber).ToList(),
            body.Roles);
        return ApiResults.From(await users.UpdateAsync(command, cancellationToken), user =>
        {
            var wire = UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime);
            return new UpdateUserResponse(user.UserId, wire.Emails, wire.PhoneNumbers, wire.CryptoWallets, wire);
        });
    }

    private static async Task<IResult> DeleteAsync(string userId, HttpRequest request, UserService users, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await users.DeleteAsync(userId, cancellationToken), deleted => new DeleteUserResponse(deleted));
    }

    private static async Task<IResult> DeleteEmailAsync(string emailId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        if (!PrefixedId.IsValid(PrefixedId.Email, emailId))
        {
            return ApiResults.Error(ErrorCatalog.InvalidEmailId);
        }

        return ApiResults.From(await users.DeleteEmailAsync(emailId, cancellationToken), user => Changed(user, clock));
    }

    private static async Task<IResult> DeletePhoneAsync(string phoneId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        if (!PrefixedId.IsValid(PrefixedId.Phone, phoneId))
        {
            return ApiResults.Error(ErrorCatalog.InvalidPhoneId);
        }

        return ApiResults.From(await users.DeletePhoneAsync(phoneId, cancellationToken), user => Changed(user, clock));
    }

    private static async Task<IResult> DeleteExternalIdAsync(string userId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await users.DeleteExternalIdAsync(userId, cancellationToken), user => Changed(user, clock));
    }

    private static async Task<IResult> ExchangePrimaryFactorAsync(string userId, HttpRequest request, PrimaryFactorExchange exchange, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<ExchangePrimaryFactorRequest>(request, cancellationToken, ExchangeErrors);
        var command = new ExchangePrimaryFactorCommand(userId, body.EmailAddress, body.PhoneNumber);
        return ApiResults.From(await exchange.ExchangeAsync(command, cancellationToken), user => Changed(user, clock));
    }

    private static UserChangedResponse Changed(User user, TimeProvider clock) => new(user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime));

    /// <summary>The optional <c>name</c> that Create User, Update User, invites and migrations share; each part at most 1024 characters.</summary>
    public static PersonName? PersonNameOf(NameWire? name) =>
        name is null ? null
        : new[] { name.FirstName, name.MiddleName, name.LastName }.Any(p => p is { Length: > 1024 }) ? throw new RequestRejectedException(ErrorCatalog.InvalidName)
        : new PersonName(name.FirstName, name.MiddleName, name.LastName);

    /// <summary>Update User adds at most ten addresses of each kind at once.</summary>
    private static IReadOnlyList<T> AtMostTen<T>(IReadOnlyList<T>? entries, string listName) =>
        entries is null ? [] : entries.Count <= 10 ? entries : throw new RequestRejectedException(WireErrors.For(listName));
}
