namespace Godwit.Core.OAuth;

/// <summary>
/// The OAuth flow's short-lived records. Each is consumed by a conditional update whose
/// affected-row count decides between racing requests.
/// </summary>
public interface IOAuthFlowStore
{
    Task AddStateAsync(OAuthFlowState state, CancellationToken cancellationToken);

    Task<OAuthFlowState?> FindStateAsync(byte[] stateHash, CancellationToken cancellationToken);

    /// <summary>True for the one caller that used the state before it expired.</summary>
    Task<bool> TryConsumeStateAsync(string stateId, DateTime now, CancellationToken cancellationToken);

    Task AddGrantAsync(OAuthGrant grant, CancellationToken cancellationToken);

    Task<OAuthGrant?> FindGrantAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// True for the one caller that used the grant before it expired; the sealed provider tokens
    /// are erased in the same update, so they are handed out once.
    /// </summary>
    Task<bool> TryConsumeGrantAsync(string grantId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Deletes states and grants that expired before the instant; returns how many.</summary>
    Task<int> PruneAsync(DateTime expiredBefore, CancellationToken cancellationToken);

    /// <summary>The user holding this provider account, or null.</summary>
    Task<string?> FindRegistrationOwnerAsync(string providerType, string providerSubject, CancellationToken cancellationToken);

    /// <summary>The user holding this registration id, or null.</summary>
    Task<string?> FindRegistrationUserAsync(string oauthRegistrationId, CancellationToken cancellationToken);
}
