using System.Text.Json.Nodes;

namespace Godwit.Core.Users;

public sealed record PersonName(string? FirstName, string? MiddleName, string? LastName);

/// <summary>What a client asked for in Create User, already checked for shape.</summary>
public sealed record CreateUserCommand(
    string? Email,
    string? PhoneNumber,
    PersonName? Name,
    JsonObject? TrustedMetadata,
    JsonObject? UntrustedMetadata,
    string? ExternalId,
    bool CreateAsPending,
    IReadOnlyList<string>? Roles = null);

/// <summary>What a client asked for in Update User; null means "leave unchanged".</summary>
public sealed record UpdateUserCommand(
    string UserId,
    PersonName? Name,
    JsonObject? TrustedMetadata,
    JsonObject? UntrustedMetadata,
    string? ExternalId,
    IReadOnlyList<string> AddEmails,
    IReadOnlyList<string> AddPhoneNumbers,
    IReadOnlyList<string>? Roles = null);

public sealed record CreatedUser(User User, UserEmail? Email, UserPhone? Phone);
