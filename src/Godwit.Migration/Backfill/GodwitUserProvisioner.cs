using System.Text.Json.Nodes;
using Godwit.Client;
using Godwit.Contracts.Users;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.Backfill;

/// <summary>
/// Gives one application user its Godwit user, for the backfill and the dual write: Create User with
/// the user's addresses and name and <c>external_id</c> = the application user's id, or, when Godwit
/// has the person already, that user; then the same conditional link the migration step makes. The
/// external_id is what makes a repeat exact: a run cut short between Create User and the link finds
/// its user again by it next time, so nobody is created twice.
/// </summary>
internal sealed partial class GodwitUserProvisioner<TUser>(
    IApplicationUserStore<TUser> users, IBackfillStore<TUser> source, GodwitClient godwit, TimeProvider clock, ILogger logger)
    where TUser : class
{
    private static readonly HashSet<string> AlreadyInGodwit = ["duplicate_email", "duplicate_phone_number", "duplicate_user_external_id"];

    public async Task<ProvisionResult> ProvisionAsync(TUser user, MigrationOutcome outcome, RequestPacer pace, CancellationToken cancellationToken)
    {
        var current = await source.FindAsync(user, cancellationToken);
        var applicationUserId = users.GetApplicationUserId(current ?? user);
        if (current is null)
        {
            return ProvisionResult.Failure(applicationUserId, "user_not_found", "The application's user no longer exists.");
        }

        if (source.GetGodwitUserId(current) is { } held)
        {
            return new ProvisionResult(applicationUserId, ProvisionOutcome.AlreadyLinked, held, MatchedBy.GodwitUserId);
        }

        var request = source.NewGodwitUser(current) with { ExternalId = applicationUserId };
        if (request.Email is null && request.PhoneNumber is null)
        {
            return ProvisionResult.Failure(applicationUserId, "no_address", "The user has neither an email nor a phone number, and a Godwit user needs one.");
        }

        Found found;
        try
        {
            await pace.WaitAsync(cancellationToken);
            var created = await godwit.Users.CreateAsync(request, cancellationToken);
            found = new Found(created.UserId, MatchedBy.None, Created: true);
        }
        catch (GodwitApiException refused) when (AlreadyInGodwit.Contains(refused.ErrorType))
        {
            var existing = await FindExistingAsync(applicationUserId, request, refused, pace, cancellationToken);
            if (existing.Failure is { } failure)
            {
                return failure;
            }

            found = existing.Found!;
        }
        catch (GodwitApiException refused) when (refused.StatusCode is 400 or 404 or 409 or 422)
        {
            // The user's own data (an address Godwit cannot read, say): this user fails, the run goes on.
            return ProvisionResult.Failure(applicationUserId, refused.ErrorType, refused.ErrorMessage);
        }

        return await LinkAsync(current, applicationUserId, found, outcome, pace, cancellationToken);
    }

    private async Task<ProvisionResult> LinkAsync(TUser user, string applicationUserId, Found found, MigrationOutcome outcome, RequestPacer pace, CancellationToken cancellationToken)
    {
        if (!found.Created && await users.FindByGodwitUserIdAsync(found.GodwitUserId, cancellationToken) is { } holder)
        {
            // This very user, linked meanwhile by another run or a login; or someone else.
            var holderId = users.GetApplicationUserId(holder);
            return holderId == applicationUserId
                ? new ProvisionResult(applicationUserId, ProvisionOutcome.AlreadyLinked, found.GodwitUserId, MatchedBy.GodwitUserId)
                : ProvisionResult.Failure(applicationUserId, "godwit_user_linked_elsewhere", $"Godwit user {found.GodwitUserId} is linked to application user {holderId} already.");
        }

        if (await users.TryLinkAsync(user, found.GodwitUserId, new MigrationRecord(clock.GetUtcNow(), outcome, found.MatchedBy, found.GodwitUserId), cancellationToken))
        {
            if (found.MatchedBy is MatchedBy.Email or MatchedBy.PhoneNumber)
            {
                await WriteExternalIdAsync(found.GodwitUserId, applicationUserId, pace, cancellationToken);
            }

            return new ProvisionResult(applicationUserId, found.Created ? ProvisionOutcome.Created : ProvisionOutcome.LinkedExisting, found.GodwitUserId, found.MatchedBy);
        }

        // A login (or another run) linked the user between our read and our update; the store has
        // reloaded it. A Godwit user we created for a link that went elsewhere would be a duplicate of
        // the person: remove it. (It was made a moment ago with no proven address, so nobody uses it.)
        var winner = await source.FindAsync(user, cancellationToken) is { } reloaded ? source.GetGodwitUserId(reloaded) : null;
        if (found.Created && winner != found.GodwitUserId)
        {
            try
            {
                await pace.WaitAsync(cancellationToken);
                await godwit.Users.DeleteAsync(found.GodwitUserId, cancellationToken);
            }
            catch (GodwitApiException exception)
            {
                LogOrphanNotDeleted(logger, exception, found.GodwitUserId, applicationUserId, winner);
            }
        }

        return new ProvisionResult(applicationUserId, ProvisionOutcome.AlreadyLinked, winner, MatchedBy.GodwitUserId);
    }

    /// <summary>The Godwit user Create User collided with, if it is this person's; else why not.</summary>
    private async Task<(Found? Found, ProvisionResult? Failure)> FindExistingAsync(
        string applicationUserId, CreateUserRequest request, GodwitApiException refused, RequestPacer pace, CancellationToken cancellationToken)
    {
        // Made for this very user: by an earlier run cut short before its link, or by `godwit import`
        // of the unseen users' export.
        try
        {
            await pace.WaitAsync(cancellationToken);
            var byExternalId = await godwit.Users.GetAsync(applicationUserId, cancellationToken);
            // Ordinal, and on the field itself: the path also accepts a user_id.
            if (string.Equals(byExternalId.ExternalId, applicationUserId, StringComparison.Ordinal))
            {
                return (new Found(byExternalId.UserId, MatchedBy.ExternalId, Created: false), null);
            }
        }
        catch (GodwitApiException notFound) when (notFound.StatusCode == 404)
        {
            // Nobody has this external_id: the collision was an address.
        }

        var byPhone = refused.ErrorType == "duplicate_phone_number";
        var (filter, address, matchedBy) = byPhone
            ? ("phone_number", request.PhoneNumber, MatchedBy.PhoneNumber)
            : ("email_address", request.Email, MatchedBy.Email);
        if (refused.ErrorType == "duplicate_user_external_id" || address is null)
        {
            return (null, ProvisionResult.Failure(applicationUserId, refused.ErrorType, refused.ErrorMessage));
        }

        await pace.WaitAsync(cancellationToken);
        var search = await godwit.Users.SearchAsync(
            new SearchUsersRequest { Limit = 1, Query = new SearchQueryWire("AND", [new SearchOperandWire(filter, new JsonArray(address))]) }, cancellationToken);
        if (search.Results.Count == 0 || search.Results[0] is not { } holder)
        {
            return (null, ProvisionResult.Failure(applicationUserId, refused.ErrorType, $"{refused.ErrorMessage} Yet no user holds it now; run the backfill again."));
        }

        if (!string.IsNullOrEmpty(holder.ExternalId))
        {
            return (null, ProvisionResult.Failure(applicationUserId, "external_id_mismatch",
                $"Godwit user {holder.UserId} has this {(byPhone ? "phone number" : "email")} and the external_id {holder.ExternalId}, another application user's."));
        }

        // The same rule as the migration step: an address proves the person only once they proved it
        // to Godwit. Whoever registered it there without proving it would otherwise get this account.
        var verified = byPhone
            ? holder.PhoneNumbers.Any(p => p.Verified && Digits(p.PhoneNumber) == Digits(address))
            : holder.Emails.Any(e => e.Verified && string.Equals(e.Email, address.Trim(), StringComparison.OrdinalIgnoreCase));
        return verified
            ? (new Found(holder.UserId, matchedBy, Created: false), null)
            : (null, ProvisionResult.Failure(applicationUserId, "address_unverified",
                $"Godwit user {holder.UserId} holds this {(byPhone ? "phone number" : "email")} without having proven it; the person is linked at their first login instead."));
    }

    private async Task WriteExternalIdAsync(string godwitUserId, string applicationUserId, RequestPacer pace, CancellationToken cancellationToken)
    {
        try
        {
            await pace.WaitAsync(cancellationToken);
            await godwit.Users.UpdateAsync(godwitUserId, new UpdateUserRequest { ExternalId = applicationUserId }, cancellationToken);
        }
        catch (GodwitApiException exception)
        {
            // The link in the application's database is what counts; the external id is a convenience.
            LogExternalIdNotWritten(logger, exception, applicationUserId, godwitUserId, exception.ErrorType);
        }
    }

    private static string Digits(string phone) => string.Concat(phone.Where(char.IsAsciiDigit));

    private sealed record Found(string GodwitUserId, MatchedBy MatchedBy, bool Created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete Godwit user {GodwitUserId}, created for application user {ApplicationUserId}, which a login linked to {WinnerId} meanwhile")]
    private static partial void LogOrphanNotDeleted(ILogger logger, Exception exception, string godwitUserId, string applicationUserId, string? winnerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write external_id {ApplicationUserId} on Godwit user {GodwitUserId}: {ErrorType}")]
    private static partial void LogExternalIdNotWritten(ILogger logger, Exception exception, string applicationUserId, string godwitUserId, string errorType);
}
