using Fido2NetLib;

namespace Godwit.Core.WebAuthn;

/// <summary>One relying-party id with the origins allowed to run ceremonies for it.</summary>
public sealed class RelyingParty(string id, IReadOnlySet<string> origins, Fido2Configuration configuration)
{
    public string Id { get; } = id;

    public IReadOnlySet<string> Origins { get; } = origins;

    public Fido2 Fido2 { get; } = new(configuration, metadataService: null);

    public bool AllowsOrigin(string origin) => WebAuthnOptions.NormalizeOrigin(origin) is { } normal && Origins.Contains(normal);
}

/// <summary>The configured relying parties, looked up by a request's <c>domain</c>.</summary>
public sealed class RelyingParties
{
    private readonly Dictionary<string, RelyingParty> byId;

    public RelyingParties(WebAuthnOptions options)
    {
        byId = options.RelyingPartyIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id =>
        {
            var origins = options.OriginsFor(id);
            return new RelyingParty(id, origins, new Fido2Configuration
            {
                RPID = id,
                RPName = options.RelyingPartyName,
                Origins = origins.ToHashSet(StringComparer.Ordinal),
                Timeout = (uint)options.ChallengeLifetime.TotalMilliseconds,
                // 256 random bits, as every other Godwit challenge and token (the library's default is 128).
                ChallengeSize = 32,
            });
        }, StringComparer.Ordinal);
    }

    /// <summary>The relying party a request names; host names compare without regard to case.</summary>
    public RelyingParty? Find(string? domain) =>
        domain is not null && byId.TryGetValue(domain.ToLowerInvariant(), out var party) ? party : null;
}
