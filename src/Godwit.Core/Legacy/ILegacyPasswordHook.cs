namespace Godwit.Core.Legacy;

/// <summary>
/// Asks the legacy system whether a password is right for an email Godwit holds no password for
/// (<c>Godwit:Migration:LegacyPasswordHook</c>). Implementations bound the call in time and never
/// throw for the legacy system's failures: those are <see cref="LegacyVerdictKind.Failed"/>.
/// </summary>
public interface ILegacyPasswordHook
{
    Task<LegacyVerdict> VerifyAsync(string normalizedEmail, string password, CancellationToken cancellationToken);
}
