using System.Text.Json;
using Godwit.Core.Impersonation;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Passwords;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Storage.Biometrics;
using Godwit.Storage.WebAuthn;
using Godwit.Storage.Totps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Godwit.Storage;

/// <summary>
/// The provider-neutral model. Each database has a subclass with its own migrations; tables and
/// columns are snake_case so the schema reads naturally in either database.
/// </summary>
public abstract class GodwitDbContext(DbContextOptions options) : DbContext(options)
{
    private static readonly JsonSerializerOptions FactorJson = new(JsonSerializerDefaults.Web);

    public DbSet<User> Users => Set<User>();

    public DbSet<UserEmail> UserEmails => Set<UserEmail>();

    public DbSet<UserPhone> UserPhones => Set<UserPhone>();

    public DbSet<UserPassword> UserPasswords => Set<UserPassword>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<OneTimeSecret> OneTimeSecrets => Set<OneTimeSecret>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<Budget> Budgets => Set<Budget>();

    public DbSet<ImpersonationGrant> Impersonations => Set<ImpersonationGrant>();

    /// <summary>Events recorded in this scope, written by the next save in its transaction.</summary>
    internal Godwit.Storage.Events.PendingEvents PendingEvents { get; } = new();

    /// <summary>
    /// The table whose unique index a failed save violated, or null when the failure was
    /// something else. Each provider reports constraint violations its own way.
    /// </summary>
    public abstract string? UniqueViolationTable(DbUpdateException exception);

    /// <summary>
    /// Saves the tracked changes and the pending events in one transaction (the caller's, when one
    /// is open); when anything fails, the events go with the change.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (PendingEvents.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var events = PendingEvents.Take();
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        await Godwit.Storage.Events.PendingEvents.InsertAsync(Database, events, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return saved;
    }

    // Contexts are pooled: events a request recorded but never saved (it threw, or its client hung
    // up at SQLite's write gate) must not be written by the next request that borrows this context.
    public override void Dispose()
    {
        PendingEvents.Take();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        PendingEvents.Take();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        PendingEvents.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("A scope with recorded events saves with SaveChangesAsync, which writes them.");

    /// <summary>
    /// Runs <paramref name="work"/> (raw statements and saves) in one transaction. SQLite's context
    /// holds its write gate throughout, so a save waiting at the gate never waits for this transaction's lock.
    /// </summary>
    public virtual async Task InWriteTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.HasKey(u => u.UserId);
            user.Property(u => u.UserId).HasMaxLength(64);
            user.Property(u => u.Status).HasConversion(s => s == UserStatus.Active ? "active" : "pending", s => s == "active" ? UserStatus.Active : UserStatus.Pending).HasMaxLength(16);
            user.Property(u => u.ExternalId).HasMaxLength(128);
            user.HasIndex(u => u.ExternalId).IsUnique();
            user.HasIndex(u => new { u.CreatedAt, u.UserId });
            user.HasMany(u => u.Emails).WithOne().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
            user.HasMany(u => u.Phones).WithOne().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            user.HasOne(u => u.Password).WithOne().HasForeignKey<UserPassword>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            user.Ignore(u => u.PrimaryFactorsVerified);
            user.Ignore(u => u.GrantedRoles);
            // A JSON array of role ids; the default lets the bulk writers' inserts leave it out.
            user.Property(u => u.Roles).HasMaxLength(4096).HasDefaultValueSql("'[]'").HasConversion(
                roles => JsonSerializer.Serialize(roles, FactorJson),
                json => JsonSerializer.Deserialize<List<string>>(json, FactorJson) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), r => r.Count, r => r.ToList()));
        });

        TotpConfiguration.Apply(modelBuilder);

        modelBuilder.Entity<UserPassword>(password =>
        {
            password.HasKey(p => p.PasswordId);
            password.Property(p => p.PasswordId).HasMaxLength(64);
            password.Property(p => p.HashType).HasMaxLength(32);
            password.Property(p => p.Hash).HasMaxLength(4096);
        });

        modelBuilder.Entity<UserEmail>(email =>
        {
            email.HasKey(e => e.EmailId);
            email.Property(e => e.EmailId).HasMaxLength(64);
            email.Property(e => e.Address).HasMaxLength(254);
            email.HasIndex(e => e.Address).IsUnique();
        });

        modelBuilder.Entity<UserPhone>(phone =>
        {
            phone.HasKey(p => p.PhoneId);
            phone.Property(p => p.PhoneId).HasMaxLength(64);
            phone.Property(p => p.Number).HasMaxLength(16);
            phone.HasIndex(p => p.Number).IsUnique();
        });

        modelBuilder.Entity<Session>(session =>
        {
            session.HasKey(s => s.SessionId);
            session.Property(s => s.SessionId).HasMaxLength(64);
            session.HasIndex(s => s.TokenHash).IsUnique();
            session.HasIndex(s => s.UserId);
            session.Ignore(s => s.Roles);
            session.Ignore(s => s.IsImpersonated);
            session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.Property(s => s.Factors).HasConversion(
                factors => JsonSerializer.Serialize(factors, FactorJson),
                json => JsonSerializer.Deserialize<List<AuthenticationFactor>>(json, FactorJson) ?? new List<AuthenticationFactor>(),
                new ValueComparer<List<AuthenticationFactor>>((a, b) => a!.SequenceEqual(b!), f => f.Count, f => f.ToList()));
        });

        modelBuilder.Entity<OneTimeSecret>(secret =>
        {
            secret.HasKey(s => s.Id);
            secret.Property(s => s.Id).HasMaxLength(64);
            secret.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            secret.HasIndex(s => s.SecretHash);
            secret.HasIndex(s => new { s.MethodId, s.ExpiresAt });
            secret.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Budget>(budget =>
        {
            budget.HasKey(b => b.Key);
            budget.Property(b => b.Key).HasMaxLength(320);
            budget.HasIndex(b => b.WindowStartedAt);
        });

        modelBuilder.Entity<SigningKey>(key =>
        {
            key.HasKey(k => k.Kid);
            key.Property(k => k.Kid).HasMaxLength(64);
        });

        modelBuilder.ApplyConfiguration(new WebAuthnRegistrationConfiguration());
        modelBuilder.ApplyConfiguration(new WebAuthnChallengeConfiguration());
        modelBuilder.ApplyConfiguration(new BiometricRegistrationConfiguration());
        modelBuilder.ApplyConfiguration(new BiometricChallengeConfiguration());
        modelBuilder.ApplyConfiguration(new Godwit.Storage.Impersonation.ImpersonationGrantConfiguration());
        modelBuilder.ApplyConfiguration(new Godwit.Storage.OAuth.OAuthRegistrationConfiguration());
        modelBuilder.ApplyConfiguration(new Godwit.Storage.OAuth.OAuthFlowStateConfiguration());
        modelBuilder.ApplyConfiguration(new Godwit.Storage.OAuth.OAuthGrantConfiguration());
        modelBuilder.ApplyConfiguration(new Godwit.Storage.Events.GodwitEventConfiguration());
        modelBuilder.ApplyConfiguration(new Godwit.Storage.Events.EventOutboxEntryConfiguration());
        Godwit.Storage.Webhooks.WebhookConfiguration.Apply(modelBuilder);
    }
}
