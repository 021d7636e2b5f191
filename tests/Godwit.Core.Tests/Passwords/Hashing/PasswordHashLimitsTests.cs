using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Tests.Passwords.Hashing;

/// <summary>The default caps admit every exporter's default cost and refuse the next step up.</summary>
public sealed class PasswordHashLimitsTests
{
    private const string Salt = "c29tZXNhbHRzb21lc2FsdA";
    private const string Key = "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE";
    private const string Key64Hex = "61616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161";
    private const string Bcrypt53 = "saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm";

    [Theory]
    [InlineData("bcrypt", "$2b$13$" + Bcrypt53)]
    [InlineData("django", "argon2$argon2id$v=19$m=102400,t=2,p=8$" + Salt + "$" + Key)]
    [InlineData("argon_2id", "$argon2id$v=19$m=65536,t=3,p=4$" + Salt + "$" + Key)]
    [InlineData("argon_2i", "$argon2i$v=19$m=102400,t=10,p=16$" + Salt + "$" + Key)]
    [InlineData("scrypt", "$scrypt$ln=16,r=8,p=1$" + Salt + "$" + Key)]
    [InlineData("scrypt", "$scrypt$ln=18,r=1,p=1$" + Salt + "$" + Key)]
    [InlineData("werkzeug", "scrypt:32768:8:1$salt$" + Key64Hex)]
    [InlineData("django", "pbkdf2_sha256$1200000$salt$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=")]
    [InlineData("werkzeug", "pbkdf2:sha512:1000000$salt$" + Key64Hex)]
    [InlineData("sha_512_crypt", "$6$rounds=1000000$salt$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ")]
    [InlineData("phpass", "$P$IIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0")]
    [InlineData("drupal_7", "$S$FXmUfiR7yhllZ5sAZGsN2yO0ACzTLul4REeV8/ls/Myfy4D3Su9s")]
    public void Every_real_world_default_cost_is_accepted(string hashType, string hash)
    {
        var parsed = PasswordHashParser.Parse(new MigratedHashInput(hashType, hash), new PasswordHashLimits());

        Assert.True(parsed.Succeeded, parsed.Error?.Message);
    }

    [Theory]
    [InlineData("django", "argon2$argon2id$v=19$m=102401,t=2,p=8$" + Salt + "$" + Key, "invalid_django_hash")]
    [InlineData("scrypt", "$scrypt$ln=17,r=8,p=1$" + Salt + "$" + Key, "invalid_scrypt_parameters")]
    [InlineData("scrypt", "$scrypt$ln=19,r=1,p=1$" + Salt + "$" + Key, "invalid_scrypt_n_parameter")]
    [InlineData("werkzeug", "scrypt:65536:8:2$salt$" + Key64Hex, "invalid_werkzeug_hash")]
    [InlineData("django", "pbkdf2_sha256$1200001$salt$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=", "invalid_django_hash")]
    [InlineData("phpass", "$P$JIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", "invalid_phpass_hash_format")]
    [InlineData("drupal_7", "$S$JXmUfiR7yhllZ5sAZGsN2yO0ACzTLul4REeV8/ls/Myfy4D3Su9s", "invalid_drupal_7_hash")]
    public void The_next_step_above_a_cap_is_refused(string hashType, string hash, string expectedErrorType)
    {
        var parsed = PasswordHashParser.Parse(new MigratedHashInput(hashType, hash), new PasswordHashLimits());

        Assert.Equal(expectedErrorType, parsed.Error?.ErrorType);
    }

    [Fact]
    public void Lowered_limits_refuse_what_the_defaults_accept()
    {
        var strict = new PasswordHashLimits
        {
            BcryptMaxCost = 10,
            ScryptMaxMemoryMiB = 16,
            Argon2MaxMemoryKiB = 65_536,
            Pbkdf2MaxIterations = 100_000,
        };

        Assert.Equal("invalid_bcrypt_cost", Parse("bcrypt", "$2b$11$" + Bcrypt53, strict));
        Assert.Equal("invalid_scrypt_parameters", Parse("scrypt", "$scrypt$ln=16,r=8,p=1$" + Salt + "$" + Key, strict));
        Assert.Equal("invalid_django_hash", Parse("django", "argon2$argon2id$v=19$m=102400,t=2,p=8$" + Salt + "$" + Key, strict));
        Assert.Equal("invalid_passlib_hash", Parse("passlib", "$pbkdf2-sha256$600000$c2FsdA$" + Key, strict));
    }

    [Fact]
    public void A_hash_accepted_under_raised_limits_still_reads_back_after_they_are_lowered()
    {
        var raised = new PasswordHashLimits { BcryptMaxCost = 18 };
        var stored = PasswordHashParser.Parse(new MigratedHashInput(HashTypes.Bcrypt, "$2b$18$" + Bcrypt53), raised).Value.Serialize();

        Assert.Equal("invalid_bcrypt_cost", Parse(HashTypes.Bcrypt, "$2b$18$" + Bcrypt53, new PasswordHashLimits()));
        Assert.Equal(HashTypes.Bcrypt, StoredPasswordHash.Deserialize(stored).HashType);
    }

    [Fact]
    public void The_default_limits_are_usable()
    {
        Assert.Null(new PasswordHashLimits().Problem());
        Assert.Null(PasswordHashLimits.Ceiling.Problem());
    }

    [Theory]
    [InlineData(nameof(PasswordHashLimits.BcryptMaxCost), 3)]
    [InlineData(nameof(PasswordHashLimits.BcryptMaxCost), 32)]
    [InlineData(nameof(PasswordHashLimits.ScryptMaxN), 1)]
    [InlineData(nameof(PasswordHashLimits.ScryptMaxMemoryMiB), 0)]
    [InlineData(nameof(PasswordHashLimits.Argon2MaxMemoryKiB), 4)]
    [InlineData(nameof(PasswordHashLimits.Argon2MaxThreads), 0)]
    [InlineData(nameof(PasswordHashLimits.Pbkdf2MaxIterations), 0)]
    [InlineData(nameof(PasswordHashLimits.ShaCryptMaxRounds), 999)]
    [InlineData(nameof(PasswordHashLimits.PhpassMaxCountLog2), 31)]
    [InlineData(nameof(PasswordHashLimits.MinKeyLength), 65)]
    public void An_unusable_limit_is_reported_by_name(string property, int value)
    {
        var limits = new PasswordHashLimits();
        typeof(PasswordHashLimits).GetProperty(property)!.SetValue(limits, value);

        Assert.Contains($"{PasswordHashLimits.SectionName}:", limits.Problem(), StringComparison.Ordinal);
        Assert.Contains(property == nameof(PasswordHashLimits.MinKeyLength) ? "MinKeyLength" : property, limits.Problem(), StringComparison.Ordinal);
    }

    private static string? Parse(string hashType, string hash, PasswordHashLimits limits) =>
        PasswordHashParser.Parse(new MigratedHashInput(hashType, hash), limits).Error?.ErrorType;
}
