using System.Text.Json;
using Godwit.Contracts.Users;
using Godwit.Core.Errors;
using Godwit.Core.Users;
using Godwit.Server.Http;

namespace Godwit.Server.Users;

internal static class UserEndpoints
{
    public static void MapUserApi(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users");
        users.MapPost("", CreateAsync);
        users.MapPost("/search", SearchAsync);
        users.MapGet("/{userId}", GetAsync);
        users.MapPut("/{userId}", UpdateAsync);
        users.MapDelete("/{userId}", DeleteAsync);
        users.MapDelete("/emails/{emailId}", DeleteEmailAsync);
        users.MapDelete("/phone_numbers/{phoneId}", DeletePhoneAsync);
        users.MapDelete("/{userId}/external_id", DeleteExternalIdAsync);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var command = new CreateUserCommand(
            body.String("email", ErrorCatalog.InvalidEmail),
            body.String("phone_number", ErrorCatalog.InvalidPhoneNumber),
            ReadName(body),
            body.Object("trusted_metadata", ErrorCatalog.InvalidMetadata),
            body.Object("untrusted_metadata", ErrorCatalog.InvalidMetadata),
            body.String("external_id", ErrorCatalog.InvalidExternalId),
            body.Bool("create_user_as_pending") ?? false);
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
        var (filter, cursor, limit) = UserSearchRequest.Read(await JsonBody.ReadAsync(request, cancellationToken));
        var page = await users.SearchAsync(filter, cursor, limit, cancellationToken);
        return ApiResults.Ok(new SearchUsersResponse(
            page.Users.Select(user => UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)).ToList(),
            new ResultsMetadataWire(page.Total, page.Next is null ? null : UserSearchRequest.EncodeCursor(page.Next))));
    }

    private static async Task<IResult> UpdateAsync(string userId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var command = new UpdateUserCommand(
            userId,
            ReadName(body),
            body.Object("trusted_metadata", ErrorCatalog.InvalidMetadata),
            body.Object("untrusted_metadata", ErrorCatalog.InvalidMetadata),
            body.String("external_id", ErrorCatalog.InvalidExternalId),
            ReadAddresses(body, "emails", "email", ErrorCatalog.InvalidEmail),
            ReadAddresses(body, "phone_numbers", "phone_number", ErrorCatalog.InvalidPhoneNumber));
        return ApiResults.From(await users.UpdateAsync(command, cancellationToken), user =>
        {
            var wire = UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime);
            return new UpdateUserResponse(user.UserId, wire.Emails, wire.PhoneNumbers, wire.CryptoWallets, wire);
        });
    }

    private static async Task<IResult> DeleteAsync(string userId, HttpRequest request, UserService users, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
        return ApiResults.From(await users.DeleteAsync(userId, cancellationToken), deleted => new DeleteUserResponse(deleted));
    }

    private static async Task<IResult> DeleteEmailAsync(string emailId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
        if (!PrefixedId.IsValid(PrefixedId.Email, emailId))
        {
            return ApiResults.Error(ErrorCatalog.InvalidEmailId);
        }

        return ApiResults.From(await users.DeleteEmailAsync(emailId, cancellationToken), user => Changed(user, clock));
    }

    private static async Task<IResult> DeletePhoneAsync(string phoneId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
        if (!PrefixedId.IsValid(PrefixedId.Phone, phoneId))
        {
            return ApiResults.Error(ErrorCatalog.InvalidPhoneId);
        }

        return ApiResults.From(await users.DeletePhoneAsync(phoneId, cancellationToken), user => Changed(user, clock));
    }

    private static async Task<IResult> DeleteExternalIdAsync(string userId, HttpRequest request, UserService users, TimeProvider clock, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
        return ApiResults.From(await users.DeleteExternalIdAsync(userId, cancellationToken), user => Changed(user, clock));
    }

    private static UserChangedResponse Changed(User user, TimeProvider clock) => new(user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime));

    /// <summary>Reads the optional <c>name</c> object that Create User, Update User and invites share.</summary>
    public static PersonName? ReadName(JsonBody body)
    {
        if (body.Nested("name", ErrorCatalog.InvalidName) is not { } name)
        {
            return null;
        }

        var parts = new PersonName(
            name.String("first_name", ErrorCatalog.InvalidName),
            name.String("middle_name", ErrorCatalog.InvalidName),
            name.String("last_name", ErrorCatalog.InvalidName));
        return new[] { parts.FirstName, parts.MiddleName, parts.LastName }.Any(p => p is { Length: > 1024 })
            ? throw new RequestRejectedException(ErrorCatalog.InvalidName)
            : parts;
    }

    /// <summary>Reads Update User's <c>emails: [{email}]</c> and <c>phone_numbers: [{phone_number}]</c>.</summary>
    private static List<string> ReadAddresses(JsonBody body, string listName, string fieldName, ApiError whenWrong)
    {
        if (body.Field(listName) is not { } list)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > 10)
        {
            throw new RequestRejectedException(whenWrong.WithMessage($"{listName} must be an array of at most 10 objects with {fieldName}."));
        }

        return list.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(fieldName, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new RequestRejectedException(whenWrong.WithMessage($"Each entry of {listName} must be an object with a string {fieldName}.")))
            .ToList();
    }
}
