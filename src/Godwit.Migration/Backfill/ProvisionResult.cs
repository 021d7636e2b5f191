namespace Godwit.Migration.Backfill;

/// <summary>What giving one application user its Godwit user came to.</summary>
public enum ProvisionOutcome
{
    /// <summary>A Godwit user was created for the application's user, and linked.</summary>
    Created,

    /// <summary>
    /// Godwit already had this person (its external_id is the application user's id, or it holds one of
    /// the user's addresses verified and no external_id), and the application's user is now linked to it.
    /// </summary>
    LinkedExisting,

    /// <summary>Someone else linked the application's user first (a login, another backfill); nothing was changed.</summary>
    AlreadyLinked,

    /// <summary>Not linked; <see cref="ProvisionResult.ErrorType"/> and <see cref="ProvisionResult.ErrorMessage"/> say why.</summary>
    Failed,
}

/// <summary>The outcome for one application user.</summary>
/// <param name="ApplicationUserId">The application user's primary key, as text.</param>
/// <param name="Outcome">Created, linked to an existing Godwit user, already linked, or failed.</param>
/// <param name="GodwitUserId">The Godwit user the application's user now holds, or null when it failed.</param>
/// <param name="MatchedBy">How an existing Godwit user was found (<see cref="MatchedBy.None"/> when created).</param>
/// <param name="ErrorType">Why it failed: an API <c>error_type</c>, or <c>no_address</c>, <c>address_unverified</c>, <c>external_id_mismatch</c>, <c>godwit_user_linked_elsewhere</c>.</param>
/// <param name="ErrorMessage">A sentence for a person.</param>
public sealed record ProvisionResult(
    string ApplicationUserId, ProvisionOutcome Outcome, string? GodwitUserId, MatchedBy MatchedBy, string? ErrorType = null, string? ErrorMessage = null)
{
    internal static ProvisionResult Failure(string applicationUserId, string errorType, string message) =>
        new(applicationUserId, ProvisionOutcome.Failed, null, MatchedBy.None, errorType, message);
}
