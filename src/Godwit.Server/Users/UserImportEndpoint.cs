using System.Text.Json;
using Godwit.Contracts.Passwords;
using Godwit.Contracts.Users;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;

namespace Godwit.Server.Users;

/// <summary>
/// <c>POST /v1/users/import</c>: up to <see cref="MaxUsers"/> users per request, each with the fields
/// of Create User and, optionally, a legacy password hash as Migrate Password takes it and a TOTP,
/// checked and sealed as <c>godwit import</c> does into the database, and the provider accounts
/// linked to the user. Written in one transaction through the database's bulk writer; answered per
/// user, so one bad row fails alone.
/// </summary>
internal static class UserImportEndpoint
{
    public const int MaxUsers = 1_000;

    /// <summary>Linked accounts per user: a person has a handful; a long list is a broken export.</summary>
    public const int MaxProviders = 32;

    private static readonly Dictionary<string, ApiError> ProviderErrors = new()
    {
        ["providers"] = ErrorCatalog.InvalidImportedProviders,
        ["providers[]"] = ErrorCatalog.InvalidImportedProviders,
        ["providers[].provider_type"] = ErrorCatalog.InvalidImportedProviderType,
        ["providers[].provider_subject"] = ErrorCatalog.InvalidImportedProviderSubject,
        ["providers[].profile_picture_url"] = ErrorCatalog.InvalidImportedProfilePictureUrl,
        ["providers[].locale"] = ErrorCatalog.InvalidImportedLocale,
    };

    public static void MapUserImport(this RouteGroupBuilder v1) => v1.MapPost("/users/import", ImportAsync).AcceptsAndReturns<ImportUsersRequest, ImportUsersResponse>();

    private static async Task<IResult> ImportAsync(HttpRequest request, IBulkUserWriter writer, NewUserValidation newUsers, EventLog events, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadObjectAsync(request, cancellationToken);
        if (!body.TryGetProperty("users", out var rows) || rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() is 0 or > MaxUsers)
        {
            return ApiResults.Error(ErrorCatalog.InvalidImportUserCount);
        }

        var upsert = ReadUpsert(body);
        CheckProviders(rows);
        var results = new ImportedUserResult?[rows.GetArrayLength()];
        var users = new List<User>(results.Length);
        var indexes = new List<int>(results.Length);
        var index = -1;
        foreach (var row in rows.EnumerateArray())
        {
            index++;
            if (row.ValueKind != JsonValueKind.Object)
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

        // The users and their user.imported events commit together in the writer's transaction; the
        // request's two import events, which change nothing, at the end of the request.
        var importId = ImportEvents.NewImportId();
        events.RecordStarted(importId, "api", "database", errorsFile: null);
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
        var imported = all.Count(r => r.Outcome is "created" or "updated");
        events.RecordFinished(importId, "api", "database", all.Count, imported, all.Count(r => r.Outcome == "skipped"), all.Count(r => r.Outcome == "failed"), errorsFile: null);
        return ApiResults.Ok(new ImportUsersResponse(
            all, all.Count(r => r.Outcome == "created"), all.Count(r => r.Outcome == "updated"), all.Count(r => r.Outcome == "skipped"), all.Count(r => r.Outcome == "failed")));
    }

    private static ImportUser Read(int index, JsonElement json)
    {
        var row = WireRequest.Bind<ImportUserRow>(json);
        var name = UserEndpoints.PersonNameOf(row.Name);
        return new ImportUser(index, row.ExternalId, row.Email, row.SetEmailVerified ?? false, row.PhoneNumber, row.SetPhoneNumberVerified ?? false)
        {
            FirstName = name?.FirstName,
            MiddleName = name?.MiddleName,
            LastName = name?.LastName,
            TrustedMetadata = row.TrustedMetadata,
            UntrustedMetadata = row.UntrustedMetadata,
            PasswordHash = row.PasswordHash is { } hash && (hash.ContainsKey("hash_type") || hash.ContainsKey("hash"))
                ? HashConfigTable.ToInput(WireRequest.Bind<MigratedHashWire>(json))
                : null,
            Totps = TotpsOf(row),
            OAuthIdentities = row.Providers?.Select(p => new ImportedOAuthIdentity(p.ProviderType, p.ProviderSubject)
            {
                ProfilePictureUrl = p.ProfilePictureUrl,
                Locale = p.Locale,
            }).ToList() ?? [],
        };
    }

    /// <summary>
    /// Every row's <c>providers</c>, before anything is written. Unlike a bad address, which is a
    /// record to fix in the export, a malformed or invalid linked account is the caller's mapping
    /// at fault (an account id in the wrong field would link the wrong person), so the whole request
    /// is refused naming the row and nothing is written.
    /// </summary>
    private static void CheckProviders(JsonElement rows)
    {
        var index = -1;
        foreach (var row in rows.EnumerateArray())
        {
            index++;
            if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("providers", out var providers) || providers.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (providers.ValueKind != JsonValueKind.Array || providers.GetArrayLength() > MaxProviders)
            {
                throw Refused(index, ErrorCatalog.InvalidImportedProviders);
            }

            foreach (var entry in providers.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw Refused(index, ErrorCatalog.InvalidImportedProviders);
                }

                ImportedProviderWire wire;
                try
                {
                    wire = WireRequest.Bind<ImportedProviderWire>(entry, ProviderErrors, "providers[].");
                }
                catch (RequestRejectedException rejected)
                {
                    throw Refused(index, rejected.Error);
                }

                var problem = wire.ProviderType is null ? ErrorCatalog.InvalidImportedProviderType.WithMessage("provider_type is missing.")
                    : wire.ProviderSubject is null ? ErrorCatalog.InvalidImportedProviderSubject.WithMessage("provider_subject is missing.")
                    : ImportedOAuthIdentities.ProblemOf(new ImportedOAuthIdentity(wire.ProviderType, wire.ProviderSubject)
                    {
                        ProfilePictureUrl = wire.ProfilePictureUrl,
                        Locale = wire.Locale,
                    });
                if (problem is not null)
                {
                    throw Refused(index, problem);
                }
            }
        }
    }

    private static RequestRejectedException Refused(int index, ApiError error) => new(error.WithMessage($"users[{index}].providers: {error.Message}"));

    /// <summary>
    /// One TOTP at most, as enrolment allows: a second would be silently dropped (the database
    /// import keeps an export's first), and an API caller should hear it instead.
    /// </summary>
    private static IReadOnlyList<ImportedTotp> TotpsOf(ImportUserRow row) => row.Totps switch
    {
        null or [] => [],
        [var totp] => [new ImportedTotp(totp?.Secret ?? "", totp?.RecoveryCodes ?? [])],
        _ => throw new RequestRejectedException(ErrorCatalog.InvalidImportedTotp.WithMessage("totps: at most one TOTP per user.")),
    };

    /// <summary>The one field beside the rows, which are bound one by one so that a bad row fails alone.</summary>
    private static bool ReadUpsert(JsonElement body) =>
        !body.TryGetProperty("upsert", out var upsert) ? false : upsert.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.True => true,
            _ => throw new RequestRejectedException(WireErrors.For("upsert", typeof(bool))),
        };

    private static ImportedUserResult Failed(int index, ApiError error) => new(index, "failed", null, error.ErrorType, error.Message);
}
