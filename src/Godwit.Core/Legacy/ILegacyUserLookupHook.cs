using Godwit.Core.Users;

namespace Godwit.Core.Legacy;

/// <summary>
/// Asks the legacy system whether it knows a person Godwit does not hold, by email or by phone
/// number (<c>Godwit:Migration:LegacyUserLookupHook</c>). Implementations bound the call in time and
/// never throw for the legacy system's failures: those are <see cref="LegacyVerdictKind.Failed"/>.
/// A match carries the profile to create the person with.
/// </summary>
public interface ILegacyUserLookupHook
{
    Task<LegacyVerdict> LookUpAsync(AddressKind kind, string normalizedAddress, CancellationToken cancellationToken);
}
