using System.Text.Json.Nodes;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.MagicLinks;

/// <summary>Where one kind of link points and how long it lives; null means "the default".</summary>
public sealed record LinkRequest(string? Url, int? ExpirationMinutes);

/// <summary><paramref name="Locale"/>, Stytch's <c>locale</c>, picks the email's language (see <see cref="Delivery.OutgoingMessage"/>).</summary>
public sealed record MagicLinkLoginOrCreateCommand(string Email, LinkRequest Login, LinkRequest Signup, string? CodeChallenge, bool CreateAsPending, string? Locale = null);

public sealed record MagicLinkSendCommand(string Email, LinkRequest Login, LinkRequest Signup, string? CodeChallenge, UserReference Target, string? Locale = null);

public sealed record MagicLinkInviteCommand(string Email, LinkRequest Invite, PersonName? Name, JsonObject? TrustedMetadata, JsonObject? UntrustedMetadata, string? Locale = null);

public sealed record MagicLinkAuthenticateCommand(string Token, string? CodeVerifier, SessionRequest Session);
