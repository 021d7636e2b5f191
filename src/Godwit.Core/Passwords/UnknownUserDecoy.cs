using System.Security.Cryptography;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Passwords;

/// <summary>
/// A hash made like every new password's, of a password nobody knows, checked when a login names no
/// user with a password, so that such a login costs what a real one costs.
/// </summary>
public sealed class UnknownUserDecoy(DefaultPasswordHasher hasher)
{
    private readonly Lazy<StoredPasswordHash> hash = new(() => hasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public StoredPasswordHash Hash => hash.Value;
}
