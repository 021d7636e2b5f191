using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>
/// Refuses a query string holding a NUL (<c>%00</c>) before any endpoint reads it, for the reason
/// <see cref="StorableText"/> gives: used in a PostgreSQL query it answered 500. (Kestrel itself
/// refuses a NUL in the path, before Godwit sees the request.)
/// </summary>
internal sealed class QueryStringGuard(RequestDelegate next)
{
    private static readonly ApiError HoldsNul = StorableText.HoldsNul.WithMessage(
        "The query string holds the NUL character (%00), which Godwit does not accept.");

    public Task InvokeAsync(HttpContext context)
    {
        var holdsNul = context.Request.Query.Any(pair =>
            StorableText.ProblemIn(pair.Key) is not null || pair.Value.Any(value => value is not null && StorableText.ProblemIn(value) is not null));
        return holdsNul ? throw new RequestRejectedException(HoldsNul) : next(context);
    }
}
