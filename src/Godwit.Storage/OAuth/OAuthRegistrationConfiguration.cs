using Godwit.Core.OAuth;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.OAuth;

internal sealed class OAuthRegistrationConfiguration : IEntityTypeConfiguration<OAuthRegistration>
{
    public void Configure(EntityTypeBuilder<OAuthRegistration> registration)
    {
        registration.ToTable("oauth_registrations");
        registration.HasKey(r => r.OAuthRegistrationId);
        registration.Property(r => r.OAuthRegistrationId).HasColumnName("oauth_registration_id").HasMaxLength(80);
        registration.Property(r => r.UserId).HasMaxLength(64);
        registration.Property(r => r.ProviderType).HasMaxLength(32);
        registration.Property(r => r.ProviderSubject).HasMaxLength(255);
        registration.Property(r => r.ProfilePictureUrl).HasMaxLength(2048);
        registration.Property(r => r.Locale).HasMaxLength(35);
        // One provider account is one person: the index is what makes a second link of it fail.
        registration.HasIndex(r => new { r.ProviderType, r.ProviderSubject }).IsUnique();
        registration.HasIndex(r => r.UserId);
        registration.HasOne<User>().WithMany(u => u.OAuthRegistrations).HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
