using Godwit.Core.Errors;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Impersonation;

public sealed record CreateImpersonationCommand(string UserId, string ImpersonatorId, string? ImpersonatorEmailAddress, string Reason, int? ExpirationMinutes);

/// <summary>The minted token, known only at this moment, and its audit record.</summary>
public sealed record MintedImpersonation(ImpersonationGrant Record, string Token);

public sealed record ImpersonatedSession(IssuedSession Session, User User);

/// <summary>
/// Minting impersonation tokens (Godwit's stand-in for Stytch's dashboard button) and exchanging
/// one, once, for a session whose <c>impersonated</c> factor names the impersonator.
/// </summary>
public sealed class ImpersonationService(
    IImpersonationStore store, IUserStore users, SessionService sessions, ImpersonationOptions options, TimeProvider clock)
{
    /// <summary>Stytch's token lifetime by default; at most ten minutes, it only bridges a click.</summary>
    public const int DefaultTokenMinutes = 5;
    public const int MaxTokenMinutes = 10;

    /// <summary>Stytch's fixed impersonated-session length; such a session cannot be extended.</summary>
    public const int SessionMinutes = 60;

    public const int MaxImpersonatorIdLength = 256;
    public const int MaxReasonLength = 1024;

    public async Task<Result<MintedImpersonation>> CreateAsync(CreateImpersonationCommand command, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return ErrorCatalog.ImpersonationNotEnabled;
        }

        if (command.ImpersonatorId.Length > MaxImpersonatorIdLength || string.IsNullOrWhiteSpace(command.ImpersonatorId))
        {
            return ErrorCatalog.InvalidImpersonatorId;
        }

        var email = "";
        if (command.ImpersonatorEmailAddress is { } given && !EmailAddress.TryNormalize(given, out email))
        {
            return ErrorCatalog.InvalidEmail.WithMessage("impersonator_email_address format is invalid.");
        }

        if (command.Reason.Length > MaxReasonLength || string.IsNullOrWhiteSpace(command.Reason))
        {
            return ErrorCatalog.InvalidImpersonationReason;
        }

        if (command.ExpirationMinutes is < 1 or > MaxTokenMinutes)
        {
            return ErrorCatalog.InvalidImpersonationExpiration;
        }

        if (await users.FindAsync(command.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = SecretTokens.NewToken();
        var record = new ImpersonationGrant
        {
            ImpersonationId = PrefixedId.New(PrefixedId.Impersonation),
            UserId = user.UserId,
            ImpersonatorId = command.ImpersonatorId,
            ImpersonatorEmailAddress = email,
            Reason = command.Reason,
            TokenHash = SecretTokens.HashToken(token),
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(command.ExpirationMinutes ?? DefaultTokenMinutes),
        };
        await store.AddAsync(record, cancellationToken);
        return new MintedImpersonation(record, token);
    }

    public async Task<Result<ImpersonatedSession>> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return ErrorCatalog.ImpersonationNotEnabled;
        }

        if (!SecretTokens.LooksLikeToken(token))
        {
            return ErrorCatalog.InvalidImpersonationToken;
        }

        var hash = SecretTokens.HashToken(token);
        var record = await store.FindByTokenHashAsync(hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // The fixed-time comparison repeats the database's equality test where no collation can fold it.
        if (record is null || !SecretTokens.FixedTimeEquals(record.TokenHash, hash) || record.UsedAt is not null || record.ExpiresAt <= now)
        {
            return ErrorCatalog.UnableToAuthImpersonationToken;
        }

        if (await users.FindForReadingAsync(record.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UnableToAuthImpersonationToken;
        }

        // The conditional update decides between two simultaneous uses of one token.
        if (!await store.TryConsumeAsync(record.ImpersonationId, now, cancellationToken))
        {
            return ErrorCatalog.UnableToAuthImpersonationToken;
        }

        var factor = new AuthenticationFactor(
            "impersonated", "impersonation", now, now,
            ImpersonatedFactor: new ImpersonatedFactor(record.ImpersonatorId, record.ImpersonatorEmailAddress));
        var issued = await sessions.RecordFactorAsync(user, factor, new SessionRequest(SessionMinutes, null, null, null), cancellationToken);
        if (!issued.Succeeded)
        {
            return issued.Error!;
        }

        var session = issued.Value!;
        // CancellationToken.None: the audit trail must name the session even if the client gave up.
        await store.RecordSessionAsync(record.ImpersonationId, session.Session.SessionId, CancellationToken.None);
        return new ImpersonatedSession(session, user);
    }

    public async Task<Result<IReadOnlyList<ImpersonationGrant>>> ListAsync(string userIdOrExternalId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        return Result<IReadOnlyList<ImpersonationGrant>>.From(await store.ListForUserAsync(user.UserId, cancellationToken));
    }
}
