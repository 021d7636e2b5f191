using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Users;

namespace Godwit.Core.Legacy;

/// <summary>The bodies Godwit posts to the legacy hooks, made in one place for the server and <c>godwit hook test</c>.</summary>
public static class LegacyHookRequests
{
    // The body is read by a JSON parser, never put in HTML, so "+" (every phone number's, many
    // emails') travels as itself rather than as \u002B.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{"email": "...", "password": "..."}</c> with the normalised email.</summary>
    public static byte[] Password(string normalizedEmail, string password) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["email"] = normalizedEmail, ["password"] = password }.ToJsonString());

    /// <summary><c>{"email": "..."}</c> or <c>{"phone_number": "+..."}</c>, normalised: the one address a user lookup asks about.</summary>
    public static byte[] UserLookup(AddressKind kind, string normalizedAddress) =>
        Encoding.UTF8.GetBytes(new JsonObject { [LegacyLookupAnswer.FieldOf(kind)] = normalizedAddress }.ToJsonString(Unescaped));

    /// <summary><c>{"token": "..."}</c>: the legacy session token or cookie value as the client gave it.</summary>
    public static byte[] Session(string token) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["token"] = token }.ToJsonString());
}
