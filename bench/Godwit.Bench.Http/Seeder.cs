using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server;
using Godwit.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Bench.Http;

/// <summary>Token files for the wrk scripts, one secret a line.</summary>
internal sealed record SeededData(string TokensFile, string JwtsFile, IReadOnlyList<string> MagicLinkFiles)
{
    /// <summary>Per run (index 0 is the warm-up): emails of users holding a migrated bcrypt(10) hash.</summary>
    public IReadOnlyList<string> LegacyPasswordFiles { get; init; } = [];

    /// <summary>Emails of users whose password hash is Godwit's default Argon2id.</summary>
    public string? Argon2idPasswordFile { get; init; }
}

/// <summary>
/// Fills a fresh SQLite file through the DI container of a Godwit instance built (not started)
/// on the same data folder the server will use: the same migrations, entities, hashing and JWT
/// signing keys. Rows go in through the DbContext in batches, which is much faster than the
/// one-row-per-call store methods and writes the same rows.
/// </summary>
internal static class Seeder
{
    private const int Batch = 1_000;

    public static async Task<SeededData> SeedAsync(string[] godwitArgs, BenchOptions options, string folder)
    {
        var app = GodwitApp.Build(godwitArgs, builder => builder.Environment.EnvironmentName = "Production");
        await GodwitApp.PrepareAsync(app);
        var jwts = app.Services.GetRequiredService<SessionJwts>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;

        var tokens = new List<string>(options.Sessions);
        var signed = new List<string>(options.Jwts);
        var users = new List<(string UserId, string EmailId)>(options.Sessions);
        for (var start = 0; start < options.Sessions; start += Batch)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
            var userService = scope.ServiceProvider.GetRequiredService<UserService>();
            for (var i = start; i < Math.Min(start + Batch, options.Sessions); i++)
            {
                var user = userService.NewUser($"seed-{i}@example.com", null, UserStatus.Active);
                user.FirstName = "Seed";
                var email = user.Emails[0];
                email.Verified = true;
                db.Users.Add(user);
                var token = SecretTokens.NewToken();
                var session = new Session
                {
                    SessionId = PrefixedId.New(PrefixedId.Session),
                    UserId = user.UserId,
                    TokenHash = SecretTokens.HashToken(token),
                    StartedAt = now,
                    LastAccessedAt = now,
                    ExpiresAt = now.AddDays(7),
                    Factors = [new AuthenticationFactor("magic_link", "email", now, now, new EmailFactor(email.EmailId, email.Address))],
                };
                db.Sessions.Add(session);
                tokens.Add(token);
                users.Add((user.UserId, email.EmailId));
                if (signed.Count < options.Jwts)
                {
                    signed.Add(jwts.Issue(session));
                }
            }

            await db.SaveChangesAsync();
        }

        var data = new SeededData(Path.Combine(folder, "session-tokens.txt"), Path.Combine(folder, "session-jwts.txt"), []);
        await File.WriteAllLinesAsync(data.TokensFile, tokens);
        await File.WriteAllLinesAsync(data.JwtsFile, signed);

        var magicFiles = new List<string>();
        if (options.Scenarios.Contains("magic"))
        {
            // One file for the warm-up and one per measured run: every token can be used once.
            for (var run = 0; run <= options.Runs; run++)
            {
                var file = Path.Combine(folder, $"magic-link-tokens-{run}.txt");
                await File.WriteAllLinesAsync(file, await SeedMagicLinksAsync(app.Services, users, options.MagicLinksPerRun, now));
                magicFiles.Add(file);
            }
        }

        var legacyFiles = new List<string>();
        string? argon2idFile = null;
        if (options.Scenarios.Contains("passwords") || options.Scenarios.Contains("abuse"))
        {
            // Every user of a kind gets the same hash (one password, one salt): verifying costs the
            // same for each, and seeding stays fast. The bcrypt users' first logins upgrade them.
            var legacy = PasswordHashParser.Parse(new MigratedHashInput("bcrypt", BCrypt.Net.BCrypt.HashPassword(PasswordUsers.Password, 10)), new PasswordHashLimits()).Value;
            var argon2id = app.Services.GetRequiredService<DefaultPasswordHasher>().Hash(PasswordUsers.Password);
            for (var run = 0; run <= options.Runs; run++)
            {
                var file = Path.Combine(folder, $"password-legacy-emails-{run}.txt");
                await File.WriteAllLinesAsync(file, await SeedPasswordUsersAsync(app.Services, $"legacy-{run}", legacy, options.PasswordUsersPerRun));
                legacyFiles.Add(file);
            }

            argon2idFile = Path.Combine(folder, "password-argon2id-emails.txt");
            await File.WriteAllLinesAsync(argon2idFile, await SeedPasswordUsersAsync(app.Services, "argon2id", argon2id, options.PasswordUsersPerRun));
        }

        await app.DisposeAsync();
        return data with { MagicLinkFiles = magicFiles, LegacyPasswordFiles = legacyFiles, Argon2idPasswordFile = argon2idFile };
    }

    private static async Task<List<string>> SeedPasswordUsersAsync(IServiceProvider services, string prefix, StoredPasswordHash hash, int count)
    {
        var emails = new List<string>(count);
        for (var start = 0; start < count; start += Batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
            var userService = scope.ServiceProvider.GetRequiredService<UserService>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            for (var i = start; i < Math.Min(start + Batch, count); i++)
            {
                var email = $"{prefix}-{i}@example.com";
                var user = userService.NewUser(email, null, UserStatus.Active);
                user.Emails[0].Verified = true;
                user.Password = new UserPassword
                {
                    PasswordId = PrefixedId.New(PrefixedId.Password),
                    UserId = user.UserId,
                    HashType = hash.HashType,
                    Hash = hash.Serialize(),
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                    UpdatedAt = clock.GetUtcNow().UtcDateTime,
                };
                db.Users.Add(user);
                emails.Add(email);
            }

            await db.SaveChangesAsync();
        }

        return emails;
    }

    private static async Task<List<string>> SeedMagicLinksAsync(IServiceProvider services, List<(string UserId, string EmailId)> users, int count, DateTime now)
    {
        var tokens = new List<string>(count);
        for (var start = 0; start < count; start += Batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
            for (var i = start; i < Math.Min(start + Batch, count); i++)
            {
                var (userId, emailId) = users[i % users.Count];
                var token = SecretTokens.NewToken();
                db.OneTimeSecrets.Add(new OneTimeSecret
                {
                    Id = PrefixedId.New(PrefixedId.MagicLink),
                    Kind = OneTimeSecretKind.MagicLink,
                    UserId = userId,
                    MethodId = emailId,
                    SecretHash = SecretTokens.HashToken(token),
                    CreatedAt = now,
                    ExpiresAt = now.AddHours(12),
                });
                tokens.Add(token);
            }

            await db.SaveChangesAsync();
        }

        return tokens;
    }
}

/// <summary>The password every seeded password user has; the wrk script sends the same.</summary>
internal static class PasswordUsers
{
    public const string Password = "correct horse battery staple";
}
