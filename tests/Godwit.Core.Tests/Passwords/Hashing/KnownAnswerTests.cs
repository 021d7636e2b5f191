using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Tests.Passwords.Hashing;

/// <summary>
/// Every format against hashes made by other implementations (libxcrypt, OpenSSL, Apache, the
/// Argon2 reference, hashlib, ASP.NET Identity, npm firebase-scrypt, drupal-hash, phpass ports).
/// </summary>
public sealed class KnownAnswerTests
{
    private static readonly PasswordHashLimits Limits = new();

    [Theory]
    [MemberData(nameof(HashVector.KnownAnswers), MemberType = typeof(HashVector))]
    public void The_right_password_is_accepted(HashVector vector)
    {
        Assert.True(Parse(vector).Verify(vector.Password!));
    }

    [Theory]
    [MemberData(nameof(HashVector.KnownAnswers), MemberType = typeof(HashVector))]
    public void A_wrong_password_is_refused(HashVector vector)
    {
        var hash = Parse(vector);

        Assert.False(hash.Verify(vector.Password + "x"));
        Assert.False(hash.Verify(vector.Password!.Length == 0 ? " " : vector.Password[..^1]));
        Assert.False(hash.Verify(vector.Password.ToUpperInvariant() == vector.Password ? vector.Password + "A" : vector.Password.ToUpperInvariant()));
    }

    [Theory]
    [MemberData(nameof(HashVector.KnownAnswers), MemberType = typeof(HashVector))]
    public void A_tampered_hash_refuses_the_right_password(HashVector vector)
    {
        // Five characters from the end lies in the checksum (or, for salted LDAP values, the salt)
        // of every format, and never in a final base64 character whose low bits are unused.
        var input = vector.Input;
        var position = input.Hash.TrimEnd('=').Length - 5;
        var replacement = input.Hash[position] == '0' ? '1' : '0';
        var tampered = input with { Hash = string.Concat(input.Hash.AsSpan(0, position), [replacement], input.Hash.AsSpan(position + 1)) };

        var parsed = PasswordHashParser.Parse(tampered, Limits);

        Assert.True(!parsed.Succeeded || !parsed.Value.Verify(vector.Password!));
    }

    [Theory]
    [MemberData(nameof(HashVector.KnownAnswers), MemberType = typeof(HashVector))]
    public void The_stored_text_reads_back_to_a_hash_that_verifies_and_stores_the_same_text(HashVector vector)
    {
        var stored = Parse(vector).Serialize();

        var readBack = StoredPasswordHash.Deserialize(stored);

        Assert.Equal(stored, readBack.Serialize());
        Assert.Equal(vector.Input.HashType, readBack.HashType);
        Assert.True(readBack.Verify(vector.Password!));
        Assert.False(readBack.Verify(vector.Password + "x"));
    }

    [Theory]
    [MemberData(nameof(HashVector.KnownAnswers), MemberType = typeof(HashVector))]
    public void A_migrated_hash_cheaper_than_the_default_asks_for_a_rehash(HashVector vector)
    {
        // Vectors are kept cheap, so every one is below the default Argon2id cost.
        Assert.True(Parse(vector).NeedsRehash(new PasswordHashingOptions()));
    }

    private static StoredPasswordHash Parse(HashVector vector)
    {
        var parsed = PasswordHashParser.Parse(vector.Input, Limits);
        Assert.True(parsed.Succeeded, $"{vector.Case}: {parsed.Error?.ErrorType}: {parsed.Error?.Message}");
        return parsed.Value;
    }
}
