using Godwit.Core.Errors;
using Godwit.Core.Users;

namespace Godwit.Core.OAuth;

/// <summary>Unlinking a provider account from its user (<c>DELETE /v1/users/oauth/{id}</c>).</summary>
public sealed class OAuthRegistrations(IOAuthFlowStore store, IUserStore users)
{
    public async Task<Result<User>> DeleteAsync(string oauthRegistrationId, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(PrefixedId.OAuthRegistration, oauthRegistrationId))
        {
            return ErrorCatalog.InvalidOAuthRegistrationId;
        }

        if (await store.FindRegistrationUserAsync(oauthRegistrationId, cancellationToken) is not { } userId
            || await users.FindAsync(userId, cancellationToken) is not { } user
            || user.OAuthRegistrations.FirstOrDefault(r => r.OAuthRegistrationId == oauthRegistrationId) is not { } registration)
        {
            return ErrorCatalog.OAuthRegistrationNotFound;
        }

        user.OAuthRegistrations.Remove(registration);
        return await users.SaveAsync(cancellationToken) is { } error ? error : user;
    }
}
