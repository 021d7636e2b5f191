using Godwit.Core.Admin;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Rbac;
using Godwit.Core.Users.Creation;

namespace Godwit.Core.Users;

/// <summary>The rules of creating, changing and deleting users.</summary>
public sealed class UserService(IUserStore store, TimeProvider clock, NewUserValidation newUsers, RbacPolicy rbac, EventLog events)
{
    public async Task<Result<CreatedUser>> CreateAsync(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var roles = rbac.ExplicitRoles(command.Roles ?? []);
        if (!roles.Succeeded)
        {
            return roles.Error!;
        }

        var prepared = await PrepareNewAsync(command, cancellationToken);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var user = prepared.Value;
        user.Roles = roles.Value;
        events.RecordCreated(user, "api");
        if (await store.SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return new CreatedUser(user, user.Emails.FirstOrDefault(), user.Phones.FirstOrDefault());
    }

    /// <summary>
    /// Checks a Create User request and adds the new user to the store without saving, so that a
    /// caller can attach more (a migrated password) and commit everything at once.
    /// </summary>
    public Task<Result<User>> PrepareNewAsync(CreateUserCommand command, CancellationToken cancellationToken) =>
        PrepareNewAsync(
            new NewUserFields(command.Email, command.PhoneNumber)
            {
                Name = command.Name,
                TrustedMetadata = command.TrustedMetadata,
                UntrustedMetadata = command.UntrustedMetadata,
                ExternalId = command.ExternalId,
                Status = command.CreateAsPending ? UserStatus.Pending : UserStatus.Active,
            },
            cancellationToken);

    /// <summary>
    /// Checks a new user by <see cref="NewUserValidation"/>'s rules, then that its email and phone
    /// number are free, and adds it to the store without saving.
    /// </summary>
    public async Task<Result<User>> PrepareNewAsync(NewUserFields fields, CancellationToken cancellationToken)
    {
        var validated = newUsers.Validate(fields);
        if (!validated.Succeeded)
        {
            return validated;
        }

        var user = validated.Value;
        if (user.Emails.FirstOrDefault() is { } email && await store.EmailTakenAsync(email.Address, cancellationToken))
        {
            return ErrorCatalog.DuplicateEmail;
        }

        if (user.Phones.FirstOrDefault() is { } phone && await store.PhoneTakenAsync(phone.Number, cancellationToken))
        {
            return ErrorCatalog.DuplicatePhoneNumber;
        }

        store.Add(user);
        return user;
    }

    /// <summary>A user with at most one unverified email and phone, not yet stored.</summary>
    public User NewUser(string? normalizedEmail, string? e164Phone, UserStatus status) =>
        NewUserValidation.Assemble(normalizedEmail, e164Phone, status, clock.GetUtcNow().UtcDateTime);

    public async Task<Result<User>> GetAsync(string userIdOrExternalId, CancellationToken cancellationToken) =>
        await store.FindAsync(userIdOrExternalId, cancellationToken) is { } user ? user : ErrorCatalog.UserNotFound;

    public async Task<Result<User>> UpdateAsync(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(command.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        var emails = new List<string>();
        foreach (var given in command.AddEmails)
        {
            if (!EmailAddress.TryNormalize(given, out var email))
            {
                return ErrorCatalog.InvalidEmail;
            }

            emails.Add(email);
        }

        var phones = new List<string>();
        foreach (var given in command.AddPhoneNumbers)
        {
            if (!PhoneNumber.TryNormalize(given, out var phone))
            {
                return ErrorCatalog.InvalidPhoneNumber;
            }

            phones.Add(phone);
        }

        if (command.ExternalId is not null && !IsValidExternalId(command.ExternalId))
        {
            return ErrorCatalog.InvalidExternalId;
        }

        // Roles left out stay as they are, even one the policy no longer has.
        var roles = command.Roles is null ? user.Roles : rbac.ExplicitRoles(command.Roles);
        if (!roles.Succeeded)
        {
            return roles.Error!;
        }

        // The API never shows the console role, so a client writing back the roles it read keeps it.
        if (command.Roles is not null)
        {
            roles = AdminRole.KeptThrough(user, roles.Value);
        }

        var newEmails = emails.Distinct().Where(e => user.Emails.All(existing => existing.Address != e)).ToList();
        var newPhones = phones.Distinct().Where(p => user.Phones.All(existing => existing.Number != p)).ToList();
        if ((newEmails.Count > 0 || newPhones.Count > 0) && !user.PrimaryFactorsVerified)
        {
            return ErrorCatalog.UnverifiedPrimaryFactor;
        }

        foreach (var email in newEmails)
        {
            if (await store.EmailTakenAsync(email, cancellationToken))
            {
                return ErrorCatalog.DuplicateEmail;
            }
        }

        foreach (var phone in newPhones)
        {
            if (await store.PhoneTakenAsync(phone, cancellationToken))
            {
                return ErrorCatalog.DuplicatePhoneNumber;
            }
        }

        var trusted = command.TrustedMetadata is null ? user.TrustedMetadata : Metadata.Merge(user.TrustedMetadata, command.TrustedMetadata);
        var untrusted = command.UntrustedMetadata is null ? user.UntrustedMetadata : Metadata.Merge(user.UntrustedMetadata, command.UntrustedMetadata);
        if (!Metadata.FitsLimit(trusted) || !Metadata.FitsLimit(untrusted))
        {
            return ErrorCatalog.MetadataTooLarge;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = (user.FirstName, user.MiddleName, user.LastName, user.TrustedMetadata, user.UntrustedMetadata, user.ExternalId, Roles: user.Roles.ToList());
        if (command.Name is { } name)
        {
            user.FirstName = name.FirstName ?? user.FirstName;
            user.MiddleName = name.MiddleName ?? user.MiddleName;
            user.LastName = name.LastName ?? user.LastName;
        }

        user.TrustedMetadata = trusted;
        user.UntrustedMetadata = untrusted;
        user.ExternalId = command.ExternalId ?? user.ExternalId;
        if (!user.Roles.SequenceEqual(roles.Value))
        {
            user.Roles = roles.Value;
        }

        user.Emails.AddRange(newEmails.Select(e => new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = e, CreatedAt = now }));
        user.Phones.AddRange(newPhones.Select(p => new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = user.UserId, Number = p, CreatedAt = now }));
        RecordUpdated(user, before);
        return await store.SaveAsync(cancellationToken) is { } conflict ? conflict : user;
    }

    public async Task<Result<string>> DeleteAsync(string userIdOrExternalId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        store.Remove(user);
        events.Record(EventTypes.UserDeleted, user.UserId, new JsonObject { ["external_id"] = user.ExternalId });
        return await store.SaveAsync(cancellationToken) is { } error ? error : user.UserId;
    }

    public async Task<Result<User>> DeleteEmailAsync(string emailId, CancellationToken cancellationToken)
    {
        if (await store.FindByEmailIdAsync(emailId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.EmailNotFound;
        }

        user.Emails.RemoveAll(e => e.EmailId == emailId);
        return await store.SaveAsync(cancellationToken) is { } error ? error : user;
    }

    public async Task<Result<User>> DeletePhoneAsync(string phoneId, CancellationToken cancellationToken)
    {
        if (await store.FindByPhoneIdAsync(phoneId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.PhoneNumberNotFound;
        }

        user.Phones.RemoveAll(p => p.PhoneId == phoneId);
        return await store.SaveAsync(cancellationToken) is { } error ? error : user;
    }

    public async Task<Result<User>> DeleteExternalIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(userId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        if (user.ExternalId is not null)
        {
            events.Record(EventTypes.UserUpdated, user.UserId, new JsonObject { ["fields"] = new JsonArray("external_id"), ["external_id"] = null });
        }

        user.ExternalId = null;
        return await store.SaveAsync(cancellationToken) is { } error ? error : user;
    }

    /// <summary>
    /// <c>user.updated</c> with the names of the fields that changed, and the new values of those that
    /// are neither secret nor free-form (metadata is named, not copied). Added addresses are their own
    /// events (<c>email.added</c>, <c>phone.added</c>), recorded by the store as it saves them.
    /// </summary>
    private void RecordUpdated(User user, (string? First, string? Middle, string? Last, string Trusted, string Untrusted, string? ExternalId, List<string> Roles) before)
    {
        var payload = new JsonObject();
        var fields = new JsonArray();
        if ((before.First, before.Middle, before.Last) != (user.FirstName, user.MiddleName, user.LastName))
        {
            fields.Add("name");
            payload["name"] = new JsonObject { ["first_name"] = user.FirstName, ["middle_name"] = user.MiddleName, ["last_name"] = user.LastName };
        }

        if (before.Trusted != user.TrustedMetadata)
        {
            fields.Add("trusted_metadata");
        }

        if (before.Untrusted != user.UntrustedMetadata)
        {
            fields.Add("untrusted_metadata");
        }

        if (before.ExternalId != user.ExternalId)
        {
            fields.Add("external_id");
            payload["external_id"] = user.ExternalId;
        }

        if (!before.Roles.SequenceEqual(user.Roles))
        {
            fields.Add("roles");
            payload["roles"] = new JsonArray([.. user.Roles.Where(role => role != AdminRole.Id).Select(role => JsonValue.Create(role))]);
        }

        if (fields.Count > 0)
        {
            payload["fields"] = fields;
            events.Record(EventTypes.UserUpdated, user.UserId, payload);
        }
    }

    public Task<UserSearchPage> SearchAsync(UserFilter? filter, UserSearchCursor? after, int limit, CancellationToken cancellationToken) =>
        store.SearchAsync(filter, after, limit, cancellationToken);

    /// <summary>1 to 128 visible characters: ids are compared exactly, so no whitespace or control characters.</summary>
    public static bool IsValidExternalId(string value) =>
        value.Length is >= 1 and <= 128 && value.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c));
}
