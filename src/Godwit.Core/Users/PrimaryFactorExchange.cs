using Godwit.Core.Errors;

namespace Godwit.Core.Users;

/// <summary>What a client asked for in Exchange Primary Factor: exactly one of the two addresses.</summary>
public sealed record ExchangePrimaryFactorCommand(string UserIdOrExternalId, string? EmailAddress, string? PhoneNumber);

/// <summary>
/// Swaps the one email or phone number of a user for another address (Stytch's exchange primary
/// factor, an administrator's action). Three rules keep it from handing over accounts:
/// the new address must belong to nobody (<c>duplicate_email</c>, <c>duplicate_phone_number</c>, the
/// database's unique index deciding a race); it arrives unverified, so the first proof of it ends
/// every earlier session (<see cref="User.MarkVerified"/>); and only a user with exactly one factor
/// is changed, so no password, passkey or authenticator app set up by whoever held the account
/// before stays behind for the new address's owner to share.
/// </summary>
public sealed class PrimaryFactorExchange(IUserStore store, TimeProvider clock)
{
    public async Task<Result<User>> ExchangeAsync(ExchangePrimaryFactorCommand command, CancellationToken cancellationToken)
    {
        if ((command.EmailAddress is null) == (command.PhoneNumber is null))
        {
            return ErrorCatalog.InvalidExchangePrimaryFactorFields;
        }

        var kind = command.EmailAddress is not null ? AddressKind.Email : AddressKind.Phone;
        var address = PasswordlessRecipients.Normalize(kind, command.EmailAddress ?? command.PhoneNumber!);
        if (!address.Succeeded)
        {
            return address.Error!;
        }

        if (await store.FindAsync(command.UserIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        if (!HasExactlyOneFactor(user))
        {
            return ErrorCatalog.InvalidExchangePrimaryFactorUser;
        }

        // The user's own current address counts as taken too: "exchanging" it for itself would
        // only drop its verification.
        var taken = kind == AddressKind.Email
            ? await store.EmailTakenAsync(address.Value, cancellationToken)
            : await store.PhoneTakenAsync(address.Value, cancellationToken);
        if (taken)
        {
            return kind == AddressKind.Email ? ErrorCatalog.DuplicateEmail : ErrorCatalog.DuplicatePhoneNumber;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        user.Emails.Clear();
        user.Phones.Clear();
        if (kind == AddressKind.Email)
        {
            user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = address.Value, CreatedAt = now });
        }
        else
        {
            user.Phones.Add(new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = user.UserId, Number = address.Value, CreatedAt = now });
        }

        return await store.SaveAsync(cancellationToken) is { } conflict ? conflict : user;
    }

    private static bool HasExactlyOneFactor(User user) =>
        user.Emails.Count + user.Phones.Count == 1
        && user.Password is null
        && user.Totps.Count == 0
        && user.WebAuthnRegistrations.Count == 0
        && user.BiometricRegistrations.Count == 0
        && user.OAuthRegistrations.Count == 0;
}
