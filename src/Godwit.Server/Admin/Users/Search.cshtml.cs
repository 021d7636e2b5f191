using Godwit.Core.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Godwit.Server.Admin.Users;

/// <summary>
/// Finds users by what a support request names: an exact user id, external id, email or phone
/// (each one indexed lookup), else emails and phones containing the text, a page at a time.
/// </summary>
internal sealed class SearchModel(IUserStore users) : PageModel
{
    private const int PageSize = 25;

    public string? Query { get; private set; }

    public IReadOnlyList<User> Results { get; private set; } = [];

    public bool MoreResults { get; private set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? q, string? done, CancellationToken cancellationToken)
    {
        Done = done == "deleted" ? "The user was deleted." : null;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 256)];
        if (Query is null)
        {
            return;
        }

        if (await ExactAsync(Query, cancellationToken) is { } exact)
        {
            Results = [exact];
            return;
        }

        UserFilter filter = Query.StartsWith('+')
            ? new UserFilter.PhoneContains(Query)
            : new UserFilter.EmailContains(Query.ToLowerInvariant());
        var page = await users.SearchAsync(filter, null, PageSize, cancellationToken);
        Results = page.Users;
        MoreResults = page.Next is not null;
    }

    private async Task<User?> ExactAsync(string query, CancellationToken cancellationToken)
    {
        if (EmailAddress.TryNormalize(query, out var email) && query.Contains('@', StringComparison.Ordinal))
        {
            return await users.FindByEmailAsync(email, cancellationToken);
        }

        if (query.StartsWith('+') && PhoneNumber.TryNormalize(query, out var phone))
        {
            return await users.FindByPhoneAsync(phone, cancellationToken);
        }

        // A user id or the application's external id: the store tries both.
        return query.Length <= 128 ? await users.FindAsync(query, cancellationToken) : null;
    }
}
