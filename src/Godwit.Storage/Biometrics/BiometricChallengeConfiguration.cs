using Godwit.Core.Biometrics;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.Biometrics;

internal sealed class BiometricChallengeConfiguration : IEntityTypeConfiguration<BiometricChallenge>
{
    public void Configure(EntityTypeBuilder<BiometricChallenge> challenge)
    {
        challenge.ToTable("biometric_challenges");
        challenge.HasKey(c => c.ChallengeId);
        challenge.Property(c => c.ChallengeId).HasMaxLength(64);
        challenge.Property(c => c.Ceremony).HasConversion<string>().HasMaxLength(16);
        challenge.Property(c => c.BiometricRegistrationId).HasMaxLength(64);
        challenge.Property(c => c.UserId).HasMaxLength(64);
        challenge.Property(c => c.KeyType).HasConversion<string>().HasMaxLength(16);
        challenge.HasIndex(c => new { c.BiometricRegistrationId, c.Ceremony, c.CreatedAt });
        challenge.HasIndex(c => c.UserId);
        challenge.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
