using Godwit.Core.Users;

namespace Godwit.Server.Http;

/// <summary>Every request gets a Stytch-style id, returned in the body and written to the log scope.</summary>
internal static class RequestIds
{
    private const string Key = "godwit.request_id";

    public static string Of(HttpContext context)
    {
        if (context.Items[Key] is not string id)
        {
            id = PrefixedId.ForEnvironment("request-id-live-") + Guid.NewGuid().ToString("D");
            context.Items[Key] = id;
        }

        return id;
    }
}
