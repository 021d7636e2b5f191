using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Legacy;

namespace Godwit.Core.Users;

/// <summary>Whether a one-time secret goes to an email address or to a phone number.</summary>
public enum AddressKind
{
    Email,
    Phone,
}

/// <summary>Who a one-time secret goes to: the user, the email_id or phone_id, the address.</summary>
public sealed record Recipient(User User, string MethodId, string Address, bool UserCreated);

/// <summary>
/// Finds, creates or extends the user an email or SMS login goes to. Shared by magic links and
/// passcodes, which follow the same Stytch rules for login_or_create and send.
/// </summary>
public sealed class PasswordlessRecipients(IUserStore store, UserService users, UserResolver resolver, LegacyUserLookup legacyUsers, EventLog events, TimeProvider clock)
{
    /// <summary>Normalises an address, or returns the error Stytch gives for a malformed one.</summary>
    public static Result<string> Normalize(AddressKind kind, string address) => kind switch
    {
        AddressKind.Email => EmailAddress.TryNormalize(address, out var email) ? email : ErrorCatalog.InvalidEmail,
        _ => PhoneNumber.TryNormalize(address, out var phone) ? phone : ErrorCatalog.InvalidPhoneNumber,
    };

    /// <summary>
    /// The owner of the address, or a new user who has it (unverified) when nobody does, with the
    /// profile the legacy user lookup hook gives, if it is set and knows the person.
    /// </summary>
    public async Task<Result<Recipient>> LoginOrCreateAsync(AddressKind kind, string address, bool createAsPending, CancellationToken cancellationToken)
    {
        if (await FindOwnerAsync(kind, address, cancellationToken) is { } owner)
        {
            return new Recipient(owner, MethodIdOf(kind, owner, address), address, UserCreated: false);
        }

        var status = createAsPending ? UserStatus.Pending : UserStatus.Active;
        var created = await legacyUsers.CreateForSignupAsync(kind, address, status, cancellationToken) ?? await CreatePlainAsync(kind, address, status, cancellationToken);
        if (created.Error is { } conflict)
        {
            // A concurrent login_or_create for the same address won the unique index: log in
            // to the user it created rather than failing a request that did nothing wrong.
            return await FindOwnerAsync(kind, address, cancellationToken) is { } winner
                ? new Recipient(winner, MethodIdOf(kind, winner, address), address, UserCreated: false)
                : conflict;
        }

        var user = created.Value;
        return new Recipient(user, MethodIdOf(kind, user, address), address, UserCreated: true);
    }

    private async Task<Result<User>> CreatePlainAsync(AddressKind kind, string address, UserStatus status, CancellationToken cancellationToken)
    {
        var user = users.NewUser(kind == AddressKind.Email ? address : null, kind == AddressKind.Phone ? address : null, status);
        store.Add(user);
        events.RecordCreated(user, "login_or_create");
        return await store.SaveAsync(cancellationToken) is { } conflict ? conflict : user;
    }

    /// <summary>
    /// The owner of the address; or, when the request names a user, that user, with the address
    /// attached unverified if it is new to them.
    /// </summary>
    public async Task<Result<Recipient>> ForSendAsync(AddressKind kind, string address, UserReference target, CancellationToken cancellationToken)
    {
        var owner = await FindOwnerAsync(kind, address, cancellationToken);
        if (target.IsEmpty)
        {
            return owner is null
                ? NotFound(kind)
                : new Recipient(owner, MethodIdOf(kind, owner, address), address, UserCreated: false);
        }

        var named = await resolver.FindAsync(target, cancellationToken);
        if (!named.Succeeded)
        {
            return named.Error!;
        }

        var user = named.Value.User;
        if (owner is not null)
        {
            return owner.UserId == user.UserId
                ? new Recipient(owner, MethodIdOf(kind, owner, address), address, UserCreated: false)
                : Duplicate(kind);
        }

        // Only a user whose every address is proven may gain another: otherwise whoever holds an
        // unverified address could add one of their own and keep the account once it is verified.
        if (!user.PrimaryFactorsVerified)
        {
            return ErrorCatalog.UnverifiedPrimaryFactor;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (kind == AddressKind.Email)
        {
            user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = address, CreatedAt = now });
        }
        else
        {
            user.Phones.Add(new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = user.UserId, Number = address, CreatedAt = now });
        }

        return await store.SaveAsync(cancellationToken) is { } conflict
            ? conflict
            : new Recipient(user, MethodIdOf(kind, user, address), address, UserCreated: false);
    }

    public static ApiError NotFound(AddressKind kind) => kind == AddressKind.Email ? ErrorCatalog.EmailNotFound : ErrorCatalog.PhoneNumberNotFound;

    private static ApiError Duplicate(AddressKind kind) => kind == AddressKind.Email ? ErrorCatalog.DuplicateEmail : ErrorCatalog.DuplicatePhoneNumber;

    private static string MethodIdOf(AddressKind kind, User user, string address) => kind == AddressKind.Email
        ? user.Emails.First(e => e.Address == address).EmailId
        : user.Phones.First(p => p.Number == address).PhoneId;

    private Task<User?> FindOwnerAsync(AddressKind kind, string address, CancellationToken cancellationToken) => kind == AddressKind.Email
        ? store.FindByEmailAsync(address, cancellationToken)
        : store.FindByPhoneAsync(address, cancellationToken);
}
