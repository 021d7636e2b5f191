namespace Godwit.Contracts.Users;

/// <summary>Godwit's bulk import: one result per submitted user, in order.</summary>
public sealed record ImportUsersResponse(IReadOnlyList<ImportedUserResult> Results, int Created, int Updated, int Skipped, int Failed) : ApiResponse;

/// <summary>
/// <c>outcome</c> is created, updated, skipped (matched an existing user by external_id or email)
/// or failed, with the error_type and message of the refusal.
/// </summary>
public sealed record ImportedUserResult(int Index, string Outcome, string? UserId, string? ErrorType, string? ErrorMessage);
