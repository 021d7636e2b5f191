using Godwit.Core.Errors;
using Godwit.Core.Users;

namespace Godwit.Core.WebAuthn;

/// <summary>The second-factor enrolment rule, answered with Stytch's WebAuthn name for a pending user.</summary>
internal static class WebAuthnEnrolment
{
    public static ApiError? Refusal(User user) => SecondFactorEnrolment.Refusal(user) is { } refusal
        ? refusal == ErrorCatalog.SecondFactorUserNotActive ? ErrorCatalog.CannotUseWebAuthnWithPendingUser : refusal
        : null;

    /// <summary>What authenticators show as the account name: the first email, else phone, else the id.</summary>
    public static string AccountName(User user) =>
        user.Emails.OrderBy(e => e.CreatedAt).Select(e => e.Address).FirstOrDefault()
        ?? user.Phones.OrderBy(p => p.CreatedAt).Select(p => p.Number).FirstOrDefault()
        ?? user.UserId;

    public static string DisplayName(User user) =>
        string.Join(' ', new[] { user.FirstName, user.LastName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } full
            ? full
            : AccountName(user);
}
