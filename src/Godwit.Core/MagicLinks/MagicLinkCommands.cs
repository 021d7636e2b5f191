using System.Text.Json.Nodes;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.MagicLinks;

/// <summary>Where one kind of link points and how long it lives; null means "the default".</summary>
public sealed record LinkRequest(string? Url, int? ExpirationMinutes);

public sealed record MagicLinkLoginOrCreateCommand(string Email, LinkRequest Login, LinkRequest Signup, string? CodeChallenge, bool CreateAsPending);

public sealed record MagicLinkSendCommand(string Email, LinkRequest Login, LinkRequest Signup, string? CodeChallenge, UserReference Target);

public sealed record MagicLinkInviteCommand(string Email, LinkRequest Invite, PersonName? Name, JsonObject? TrustedMetadata, JsonObject? UntrustedMetadata);

public sealed record MagicLinkAuthenticateCommand(string Token, string? CodeVerifier, SessionRequest Session);
