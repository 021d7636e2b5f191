namespace Godwit.Core.Legacy;

/// <summary>The user lookup hook's settings, kept together (see docs/migration.md, "The legacy user lookup hook").</summary>
public sealed partial class LegacySystemOptions
{
    /// <summary>
    /// Asked whether the legacy system knows a person Godwit does not hold, at a password reset
    /// start and at a passwordless sign-up; a match creates the person from the profile it answers.
    /// </summary>
    public Uri? LegacyUserLookupHook { get; set; }

    /// <summary>The HMAC-SHA256 key of the lookup hook's request signatures.</summary>
    public string? LegacyUserLookupHookSecret { get; set; }

    public bool UserLookupHookEnabled => LegacyUserLookupHook is not null;

    private string? UserLookupHookProblem() =>
        UrlProblem(LegacyUserLookupHook, "LegacyUserLookupHook")
        ?? SecretProblem(LegacyUserLookupHook, LegacyUserLookupHookSecret, "LegacyUserLookupHookSecret");
}
