using Godwit.Contracts.Users;
using Godwit.Core.Errors;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;
using Godwit.Server.Http;
using Godwit.Server.Passwords;

namespace Godwit.Server.Users;

/// <summary>
/// <c>POST /v1/users/import</c>: up to <see cref="MaxUsers"/> users per request, each with the fields
/// of Create User and, optionally, a legacy password hash as Migrate Password takes it. Written in one
/// transaction through the database's bulk writer; answered per user, so one bad row fails alone.
/// </summary>
internal static class UserImportEndpoint
{
    public const int MaxUsers = 1_000;

    public static void MapUserImport(this RouteGroupBuilder v1) => v1.MapPost("/users/import", ImportAsync);

    private static async Task<IResult> ImportAsync(HttpRequest request, IBulkUserWriter writer, NewUserValidation newUsers, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var rows = body.Array("users", ErrorCatalog.InvalidImportUserCount);
        if (rows is not { Count: > 0 and <= MaxUsers })
        {
            return ApiResults.Error(ErrorCatalog.InvalidImportUserCount);
        }

        var upsert = body.Bool("upsert") ?? false;
        var results = new ImportedUserResult?[rows.Count];
        var users = new List<User>(rows.Count);
        var indexes = new List<int>(rows.Count);
        for (var index = 0; index < rows.Count; index++)
        {
            if (rows[index] is not { } row)
            {
                results[index] = Failed(index, ErrorCatalog.BadRequest.WithMessage("Each element of users must be a JSON object."));
                continue;
            }

            ImportUser person;
            try
            {
                person = Read(index, row);
            }
            catch (RequestRejectedException rejected)
            {
                // A field of the wrong type fails its row alone, with the error that field gets on its own endpoint.
                results[index] = Failed(index, rejected.Error);
                continue;
            }

            var validated = newUsers.Validate(person);
            if (!validated.Succeeded)
            {
                results[index] = Failed(index, validated.Error!);
                continue;
            }

            users.Add(validated.Value);
            indexes.Add(index);
        }

        var outcomes = users.Count == 0 ? [] : await writer.WriteAsync(users, upsert, cancellationToken);
        for (var i = 0; i < outcomes.Count; i++)
        {
            results[indexes[i]] = outcomes[i] switch
            {
                BulkOutcome.Created created => new ImportedUserResult(indexes[i], "created", created.UserId, null, null),
                BulkOutcome.Updated updated => new ImportedUserResult(indexes[i], "updated", updated.UserId, null, null),
                BulkOutcome.Matched matched => new ImportedUserResult(indexes[i], "skipped", matched.UserId, null, null),
                BulkOutcome.Conflict conflict => new ImportedUserResult(indexes[i], "failed", null, conflict.ErrorType, conflict.Message),
                _ => throw new InvalidOperationException("Unknown bulk outcome."),
            };
        }

        var all = results.Select(r => r!).ToList();
        return ApiResults.Ok(new ImportUsersResponse(
            all, all.Count(r => r.Outcome == "created"), all.Count(r => r.Outcome == "updated"), all.Count(r => r.Outcome == "skipped"), all.Count(r => r.Outcome == "failed")));
    }

    private static ImportUser Read(int index, JsonBody row)
    {
        var name = UserEndpoints.ReadName(row);
        return new ImportUser(
            index,
            row.String("external_id", ErrorCatalog.InvalidExternalId),
            row.String("email", ErrorCatalog.InvalidEmail),
            row.Bool("set_email_verified") ?? false,
            row.String("phone_number", ErrorCatalog.InvalidPhoneNumber),
            row.Bool("set_phone_number_verified") ?? false)
        {
            FirstName = name?.FirstName,
            MiddleName = name?.MiddleName,
            LastName = name?.LastName,
            TrustedMetadata = row.Object("trusted_metadata", ErrorCatalog.InvalidMetadata),
            UntrustedMetadata = row.Object("untrusted_metadata", ErrorCatalog.InvalidMetadata),
            PasswordHash = row.Field("hash_type") is null && row.Field("hash") is null ? null : PasswordEndpoints.ReadHash(row),
        };
    }

    private static ImportedUserResult Failed(int index, ApiError error) => new(index, "failed", null, error.ErrorType, error.Message);
}
