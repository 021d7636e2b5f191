using Godwit.Core.Errors;

namespace Godwit.Core.Users;

/// <summary>
/// Who may add a second factor. Migrated users re-enrol their second factors after their first
/// login, so the rule is what makes that safe: the user must be active and must have proven every
/// address they have (and have at least one). Otherwise whoever holds a stale or unverified account
/// could bind their own authenticator to it before its owner arrives.
/// </summary>
public static class SecondFactorEnrolment
{
    /// <summary>The error refusing enrolment for this user, or null when a factor may be added.</summary>
    public static ApiError? Refusal(User user)
    {
        if (user.Status != UserStatus.Active)
        {
            return ErrorCatalog.SecondFactorUserNotActive;
        }

        var hasAddress = user.Emails.Count > 0 || user.Phones.Count > 0;
        return hasAddress && user.PrimaryFactorsVerified ? null : ErrorCatalog.SecondFactorUnverifiedPrimaryFactor;
    }
}
