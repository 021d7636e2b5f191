using Godwit.Core.Biometrics;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.Biometrics;

internal sealed class BiometricRegistrationConfiguration : IEntityTypeConfiguration<BiometricRegistration>
{
    public void Configure(EntityTypeBuilder<BiometricRegistration> registration)
    {
        registration.ToTable("biometric_registrations");
        registration.HasKey(r => r.BiometricRegistrationId);
        registration.Property(r => r.BiometricRegistrationId).HasMaxLength(64);
        registration.Property(r => r.UserId).HasMaxLength(64);
        registration.Property(r => r.KeyType).HasConversion<string>().HasMaxLength(16);
        // Keys are stored in one canonical form per key, so the index refuses one key under two spellings.
        registration.HasIndex(r => r.PublicKey).IsUnique();
        registration.HasIndex(r => r.UserId);
        registration.HasOne<User>().WithMany(u => u.BiometricRegistrations).HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
