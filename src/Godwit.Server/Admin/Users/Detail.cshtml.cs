using System.Text.Json;
using Godwit.Core.Admin;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Server.Admin.Users;

/// <summary>One factor's delete button: which kind, which id, what a screen reader calls it.</summary>
internal sealed record FactorRef(string Kind, string Id, string Label);

/// <summary>
/// One user as support needs to see them, and what support may do about it. Every action goes
/// through the same Core service the API uses, so it records the same event, with the admin as
/// its actor (see <see cref="AdminPageFilter"/>).
/// </summary>
internal sealed class DetailModel(IUserStore users, SessionService sessions, GodwitDbContext db, UserActions actions, TimeProvider clock) : PageModel
{
    private const int TimelineLength = 50;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["unlocked"] = "The user was unlocked.",
        ["revoked"] = "The session was revoked.",
        ["revoked-all"] = "Every session of the user was revoked.",
        ["magic-link"] = "A magic link was emailed.",
        ["password-reset"] = "A password reset link was emailed.",
        ["factor-deleted"] = "The factor was deleted.",
    };

    [FromRoute]
    public string UserId { get; set; } = "";

    public User? Subject { get; private set; }

    public bool IsAdmin => Subject is not null && AdminRole.IsAdmin(Subject);

    public bool IsLocked => Subject?.IsLockedAt(clock.GetUtcNow().UtcDateTime) == true;

    public string? PrimaryEmail => Subject?.Emails.FirstOrDefault()?.Address;

    public bool HasFactors => Subject is { } user && (user.Password is not null || user.Totps.Count + user.WebAuthnRegistrations.Count + user.BiometricRegistrations.Count + user.OAuthRegistrations.Count > 0);

    public IReadOnlyList<Session> Sessions { get; private set; } = [];

    public IReadOnlyList<GodwitEvent> Timeline { get; private set; } = [];

    public string TrustedMetadata => Pretty(Subject!.TrustedMetadata);

    public string UntrustedMetadata => Pretty(Subject!.UntrustedMetadata);

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done is not null && DoneMessages.TryGetValue(done, out var message) ? message : null;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) =>
        ActAsync("unlocked", () => actions.UnlockAsync(UserId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeSessionAsync(string? sessionId, CancellationToken cancellationToken) =>
        ActAsync("revoked", () => actions.RevokeSessionAsync(UserId, sessionId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeAllAsync(CancellationToken cancellationToken) =>
        ActAsync("revoked-all", () => actions.RevokeAllAsync(UserId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSendMagicLinkAsync(CancellationToken cancellationToken) =>
        ActAsync("magic-link", () => actions.SendMagicLinkAsync(UserId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSendPasswordResetAsync(CancellationToken cancellationToken) =>
        ActAsync("password-reset", () => actions.SendPasswordResetAsync(UserId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeleteFactorAsync(string? kind, string? factorId, CancellationToken cancellationToken) =>
        ActAsync("factor-deleted", () => actions.DeleteFactorAsync(UserId, kind, factorId, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string? confirm, CancellationToken cancellationToken)
    {
        if (!string.Equals(confirm?.Trim(), UserId, StringComparison.Ordinal))
        {
            Problem = "The user id typed does not match; nothing was deleted.";
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        if (await actions.DeleteUserAsync(UserId, cancellationToken) is { } refused)
        {
            Problem = refused;
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        return Redirect(AdminConsole.PathPrefix + "/users?done=deleted");
    }

    /// <summary>Runs an action, then shows the user again: after a redirect when it worked (so a reload repeats nothing), with the reason when it did not.</summary>
    private async Task<IActionResult> ActAsync(string done, Func<Task<string?>> action, CancellationToken cancellationToken)
    {
        if (await action() is { } refused)
        {
            Problem = refused;
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        return Redirect($"{AdminConsole.PathPrefix}/users/{Uri.EscapeDataString(UserId)}?done={done}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (UserId.Length > 128 || await users.FindAsync(UserId, cancellationToken) is not { } user || user.UserId != UserId)
        {
            return false;
        }

        Subject = user;
        var live = await sessions.ListAsync(user.UserId, cancellationToken);
        Sessions = live.Succeeded ? live.Value : [];
        // The (user_id, occurred_at) index answers this without reading the rest of the log.
        Timeline = await db.Set<GodwitEvent>().AsNoTracking()
            .Where(e => e.UserId == user.UserId)
            .OrderByDescending(e => e.OccurredAt)
            .Take(TimelineLength)
            .ToListAsync(cancellationToken);
        return true;
    }

    private static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Indented);
    }
}
