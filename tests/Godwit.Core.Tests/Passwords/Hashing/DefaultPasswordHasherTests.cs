using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Tests.Passwords.Hashing;

public sealed class DefaultPasswordHasherTests
{
    // Kept cheap; one test uses the real defaults.
    private static readonly PasswordHashingOptions Cheap = new() { MemoryKiB = 64, Iterations = 1 };

    [Fact]
    public void The_defaults_are_owasps_argon2id_parameters()
    {
        var options = new PasswordHashingOptions();

        Assert.Equal(19_456, options.MemoryKiB);
        Assert.Equal(2, options.Iterations);
        Assert.Null(options.Problem());
    }

    [Fact]
    public void A_new_hash_is_a_standard_argon2id_phc_string_that_verifies_the_password()
    {
        var hash = new DefaultPasswordHasher(new PasswordHashingOptions()).Hash("pässwörd-日本");

        Assert.Matches(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", hash.Serialize());
        Assert.Equal(HashTypes.Argon2id, hash.HashType);
        Assert.True(hash.Verify("pässwörd-日本"));
        Assert.False(hash.Verify("pässwörd-日"));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_their_random_salt()
    {
        var hasher = new DefaultPasswordHasher(Cheap);

        Assert.NotEqual(hasher.Hash("password").Serialize(), hasher.Hash("password").Serialize());
    }

    [Fact]
    public void A_stored_default_hash_reads_back_and_verifies()
    {
        var stored = new DefaultPasswordHasher(Cheap).Hash("password").Serialize();

        var readBack = StoredPasswordHash.Deserialize(stored);

        Assert.IsType<Argon2idPasswordHash>(readBack);
        Assert.Equal(stored, readBack.Serialize());
        Assert.True(readBack.Verify("password"));
        Assert.False(readBack.Verify("Password"));
    }

    [Fact]
    public void A_hash_from_the_argon2_reference_implementation_reads_back_as_a_default_hash()
    {
        // echo -n password | argon2 somesaltsomesalt -id -t 1 -k 64 -p 1 -l 32 -e
        var hash = StoredPasswordHash.Deserialize("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$55PWTvddWPUD1GMbKxSff4ASfF85k9ibHJt4HlHQtBM");

        Assert.True(hash.Verify("password"));
        Assert.False(hash.Verify("passwore"));
    }

    [Fact]
    public void A_hash_needs_rehashing_once_the_configured_cost_rises_above_it_and_not_before()
    {
        var hash = new DefaultPasswordHasher(Cheap).Hash("password");

        Assert.False(hash.NeedsRehash(Cheap));
        Assert.False(hash.NeedsRehash(new PasswordHashingOptions { MemoryKiB = 32, Iterations = 1 }));
        Assert.True(hash.NeedsRehash(new PasswordHashingOptions { MemoryKiB = 128, Iterations = 1 }));
        Assert.True(hash.NeedsRehash(new PasswordHashingOptions { MemoryKiB = 64, Iterations = 2 }));
    }

    [Fact]
    public void A_migrated_argon2i_hash_needs_rehashing_even_when_it_is_costly()
    {
        // echo -n password | argon2 somesaltsomesalt -i -t 3 -k 32768 -p 1 -l 32 -e
        var argon2i = PasswordHashParser.Parse(
            new MigratedHashInput(HashTypes.Argon2i, "$argon2i$v=19$m=32768,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$WISFm+r9a8eZc+2kbH7MfZ3nAbCJgLXqxbw7gw6zUlk"),
            new PasswordHashLimits());

        Assert.True(argon2i.Value.NeedsRehash(new PasswordHashingOptions()));
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(19_456, 0)]
    [InlineData(5 * 1024 * 1024, 2)]
    [InlineData(19_456, 101)]
    public void Unusable_options_are_refused_at_startup(int memoryKiB, int iterations)
    {
        var options = new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations };

        Assert.NotNull(options.Problem());
        Assert.Throws<ArgumentException>(() => new DefaultPasswordHasher(options));
    }
}
