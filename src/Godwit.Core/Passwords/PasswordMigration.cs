using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Rbac;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;

namespace Godwit.Core.Passwords;

/// <summary>
/// <c>POST /v1/passwords/migrate</c>: a legacy hash, checked completely, given to the email's user
/// or to a new one; it is replaced by the current default at its owner's first login.
/// </summary>
public sealed class PasswordMigration(
    IUserStore users,
    ISessionStore sessionStore,
    UserService userService,
    NewUserValidation newUsers,
    RbacPolicy rbac,
    EventLog events,
    SessionEvents sessionEvents,
    TimeProvider clock)
{
    public async Task<Result<MigratedPassword>> MigrateAsync(MigratePasswordCommand command, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(command.Email, out var email))
        {
            return ErrorCatalog.InvalidEmail;
        }

        // The hash is checked first and completely: a bad export fails here, not at login.
        var parsed = newUsers.ParseLegacyHash(command.Hash);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }

        // Checked even when the email's user exists, where they are not applied: an unknown role is
        // a mistake in the export either way, and is refused before anything changes.
        var roles = rbac.ExplicitRoles(command.Roles ?? []);
        if (!roles.Succeeded)
        {
            return roles.Error!;
        }

        var checkedCommand = command with { Roles = roles.Value };
        var stored = parsed.Value;
        var migrated = await AttachOrCreateAsync(checkedCommand, email, stored, cancellationToken);
        if (migrated.Error == ErrorCatalog.DuplicateEmail)
        {
            // Another request created this email's user between our lookup and our insert.
            migrated = await AttachOrCreateAsync(checkedCommand, email, stored, cancellationToken);
        }

        return migrated;
    }

    private async Task<Result<MigratedPassword>> AttachOrCreateAsync(MigratePasswordCommand command, string email, StoredPasswordHash stored, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            if (existing.Password is not null)
            {
                return ErrorCatalog.PasswordAlreadyExists;
            }

            var existingEmail = existing.Emails.First(e => e.Address == email);
            // The backend's attestation comes first, so that it does not mark the password it brings.
            var firstProof = command.SetEmailVerified && existing.MarkVerified(existingEmail, null);
            existing.Password = UserPassword.Create(existing.UserId, stored, clock.GetUtcNow().UtcDateTime);
            events.RecordPassword(EventTypes.PasswordMigrated, existing, new JsonObject { ["hash_type"] = stored.HashType });
            if (await users.SaveAsync(cancellationToken) is { } conflict)
            {
                return conflict == ErrorCatalog.DuplicatePassword ? ErrorCatalog.PasswordAlreadyExists : conflict;
            }

            if (firstProof)
            {
                // Sessions started before anyone proved an address of this user end with the proof.
                await sessionStore.RevokeAllForUserAsync(existing.UserId, null, sessionEvents.Revoked, cancellationToken);
            }

            return new MigratedPassword(existing, existingEmail.EmailId, UserCreated: false);
        }

        var prepared = await userService.PrepareNewAsync(
            new NewUserFields(email, command.PhoneNumber)
            {
                Name = command.Name,
                TrustedMetadata = command.TrustedMetadata,
                UntrustedMetadata = command.UntrustedMetadata,
                ExternalId = command.ExternalId,
                EmailVerified = command.SetEmailVerified,
                PhoneVerified = command.SetPhoneNumberVerified,
            },
            cancellationToken);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        // The hash was checked before the lookup, so it is attached here rather than parsed again.
        var user = prepared.Value;
        user.Roles = [.. command.Roles ?? []];
        user.Password = UserPassword.Create(user.UserId, stored, clock.GetUtcNow().UtcDateTime);
        events.RecordCreated(user, "password_migration");
        events.RecordPassword(EventTypes.PasswordMigrated, user, new JsonObject { ["hash_type"] = stored.HashType });
        return await users.SaveAsync(cancellationToken) is { } error
            ? error
            : new MigratedPassword(user, user.Emails[0].EmailId, UserCreated: true);
    }
}
