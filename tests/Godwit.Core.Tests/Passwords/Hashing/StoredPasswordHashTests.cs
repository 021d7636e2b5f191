using System.Text.Json;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Tests.Passwords.Hashing;

public sealed class StoredPasswordHashTests
{
    // Made with python3 crypt (libxcrypt): bcrypt of "x" * 80.
    private const string BcryptOf80Xs = "$2b$04$saltsaltsaltsaltsaltsuwpevngmyfPjWYZSL.63Ti5ZJagRP98m";

    private static readonly PasswordHashLimits Limits = new();

    [Fact]
    public void A_migrated_hash_is_stored_as_the_migrate_request_shape_in_one_json_object()
    {
        var input = new MigratedHashInput(HashTypes.Pbkdf2, "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=")
        {
            Pbkdf2Config = new Pbkdf2Config("c29tZXNhbHRzb21lc2FsdA==", 1000, 32, null),
        };

        var stored = PasswordHashParser.Parse(input, Limits).Value.Serialize();

        Assert.Equal("""{"hash_type":"pbkdf_2","hash":"YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=","pbkdf_2_config":{"salt":"c29tZXNhbHRzb21lc2FsdA==","iteration_amount":1000,"key_length":32}}""", stored);
        Assert.Equal(input, ((MigratedPasswordHash)StoredPasswordHash.Deserialize(stored)).Source);
    }

    [Fact]
    public void Verification_never_throws_and_refuses_null_over_long_and_malformed_text()
    {
        var hash = PasswordHashParser.Parse(new MigratedHashInput(HashTypes.Sha256Crypt, "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"), Limits).Value;

        Assert.False(hash.Verify(null!));
        Assert.False(hash.Verify(""));
        Assert.False(hash.Verify("\ud800 lone surrogate"));
        Assert.False(hash.Verify(new string('a', StoredPasswordHash.MaxPasswordLength + 1)));
        Assert.False(hash.Verify(new string('é', StoredPasswordHash.MaxPasswordLength)));
        Assert.True(hash.Verify("Hello world!"));
    }

    [Fact]
    public void A_lone_surrogate_is_hashed_as_the_replacement_character_like_other_utf8_encoders()
    {
        // SHA-256 of U+FFFD's UTF-8 bytes (EF BF BD), from python3 hashlib.
        var hash = PasswordHashParser.Parse(new MigratedHashInput(HashTypes.Sha256, "83d544ccc223c057d2bf80d3f2a32982c32c3c0db8e2674820da5064783fb097"), Limits).Value;

        Assert.True(hash.Verify("\ufffd"));
        Assert.True(hash.Verify("\ud800"));
    }

    [Fact]
    public void Bcrypt_reads_only_the_first_72_bytes_of_a_password_as_every_bcrypt_does()
    {
        var hash = PasswordHashParser.Parse(new MigratedHashInput(HashTypes.Bcrypt, BcryptOf80Xs), Limits).Value;

        Assert.True(hash.Verify(new string('x', 80)));
        Assert.True(hash.Verify(new string('x', 72) + "anything"));
        Assert.False(hash.Verify(new string('x', 71)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$2b$04$saltsaltsaltsaltsaltsuwpevngmyfPjWYZSL.63Ti5ZJagRP98m")]
    [InlineData("$argon2id$v=19$m=64,t=2,p=1$c2FsdA$c2FsdA")]
    [InlineData("""{"hash_type":"md_5","hash":"not hex"}""")]
    public void Stored_text_that_does_not_read_back_is_corruption_and_throws(string stored)
    {
        Assert.Throws<FormatException>(() => StoredPasswordHash.Deserialize(stored));
    }

    [Fact]
    public void Stored_json_that_is_not_json_throws()
    {
        Assert.ThrowsAny<JsonException>(() => StoredPasswordHash.Deserialize("{not json"));
    }
}
