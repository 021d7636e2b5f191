using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.Passwords;

public sealed record MigratePasswordResponse(string UserId, string EmailId, bool UserCreated, UserWire User) : ApiResponse;

/// <summary>Authenticate, the three resets and session reset answer alike.</summary>
public sealed record PasswordSessionResponse(string UserId, string SessionToken, string SessionJwt, UserWire User, SessionWire? Session) : ApiResponse;

public sealed record CreatePasswordResponse(string UserId, string EmailId, string SessionToken, string SessionJwt, UserWire User, SessionWire? Session) : ApiResponse;

public sealed record ResetStartResponse(string UserId, string EmailId) : ApiResponse;

public sealed record StrengthCheckResponse(
    bool ValidPassword,
    int Score,
    bool BreachedPassword,
    string StrengthPolicy,
    bool BreachDetectionOnCreate,
    StrengthFeedbackWire Feedback) : ApiResponse;

public sealed record StrengthFeedbackWire(string Warning, IReadOnlyList<string> Suggestions, LudsRequirementsWire? LudsRequirements);

public sealed record LudsRequirementsWire(bool HasLowerCase, bool HasUpperCase, bool HasDigit, bool HasSymbol, int MissingComplexity, int MissingCharacters);

public sealed record DeletePasswordResponse(string UserId, UserWire User) : ApiResponse;
