using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Biometrics;

internal static class BiometricEnrolment
{
    /// <summary>The second-factor enrolment rule, answered with Stytch's biometric name for a pending user.</summary>
    public static ApiError? Refusal(User user) => SecondFactorEnrolment.Refusal(user) is { } refusal
        ? refusal == ErrorCatalog.SecondFactorUserNotActive ? ErrorCatalog.CannotUseBiometricsWithPendingUser : refusal
        : null;

    /// <summary>The session factor of a biometric key, in Stytch's type and delivery method.</summary>
    public static AuthenticationFactor Factor(BiometricRegistration registration, DateTime now) => new(
        "signature_challenge",
        "biometric",
        now,
        now,
        BiometricFactor: new BiometricFactor(registration.BiometricRegistrationId));
}
