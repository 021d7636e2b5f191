using Godwit.Core.Totps;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.Totps;

/// <summary>Tables <c>user_totps</c> and <c>totp_recovery_codes</c>; secrets and codes are stored sealed.</summary>
internal sealed class TotpConfiguration : IEntityTypeConfiguration<UserTotp>, IEntityTypeConfiguration<TotpRecoveryCode>
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        var configuration = new TotpConfiguration();
        modelBuilder.ApplyConfiguration<UserTotp>(configuration);
        modelBuilder.ApplyConfiguration<TotpRecoveryCode>(configuration);
    }

    public void Configure(EntityTypeBuilder<UserTotp> totp)
    {
        totp.ToTable("user_totps");
        totp.HasKey(t => t.TotpId);
        totp.Property(t => t.TotpId).HasMaxLength(64);
        totp.Property(t => t.EncryptedSecret).HasMaxLength(128);
        // At most one verified TOTP per user, and one awaiting its first code: the database decides
        // between two simultaneous enrolments.
        totp.HasIndex(t => new { t.UserId, t.Verified }).IsUnique();
        totp.HasOne<User>().WithMany(u => u.Totps).HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        totp.HasMany(t => t.RecoveryCodes).WithOne().HasForeignKey(c => c.TotpId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TotpRecoveryCode> code)
    {
        code.ToTable("totp_recovery_codes");
        code.HasKey(c => c.RecoveryCodeId);
        code.Property(c => c.RecoveryCodeId).HasMaxLength(64);
        code.Property(c => c.EncryptedCode).HasMaxLength(128);
        code.HasIndex(c => c.TotpId);
    }
}
