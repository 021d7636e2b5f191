using System.Text.Json.Nodes;

namespace Godwit.Contracts.Sessions;

/// <summary>The session fields every authenticate call takes: start a session of this length, or extend the one named.</summary>
public interface ISessionFields
{
    int? SessionDurationMinutes { get; }

    string? SessionToken { get; }

    string? SessionJwt { get; }

    JsonObject? SessionCustomClaims { get; }
}
