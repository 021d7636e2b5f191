using Godwit.Core.Errors;

namespace Godwit.Core.Users;

/// <summary>The conflicts a bulk writer answers for a row that would break a uniqueness rule, worded alike by every writer.</summary>
public static class BulkConflicts
{
    /// <summary>One of the row's provider accounts is linked to another user (the unique (provider_type, provider_subject) index).</summary>
    public static BulkOutcome.Conflict OAuthRegistrationTaken(string providerType) =>
        new(ErrorCatalog.DuplicateOAuthRegistration.ErrorType, $"Another user is already linked to this user's {providerType} account.");
}
