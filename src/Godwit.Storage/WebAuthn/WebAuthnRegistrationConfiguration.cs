using Godwit.Core.Users;
using Godwit.Core.WebAuthn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.WebAuthn;

internal sealed class WebAuthnRegistrationConfiguration : IEntityTypeConfiguration<WebAuthnRegistration>
{
    public void Configure(EntityTypeBuilder<WebAuthnRegistration> registration)
    {
        // Spelled out: the naming convention would split "WebAuthn" into web_authn.
        registration.ToTable("webauthn_registrations");
        registration.HasKey(r => r.WebAuthnRegistrationId);
        registration.Property(r => r.WebAuthnRegistrationId).HasColumnName("webauthn_registration_id").HasMaxLength(64);
        registration.Property(r => r.UserId).HasMaxLength(64);
        registration.Property(r => r.Domain).HasMaxLength(253);
        registration.Property(r => r.UserAgent).HasMaxLength(WebAuthnRegistrar.MaxUserAgentLength);
        registration.Property(r => r.AuthenticatorType).HasMaxLength(16);
        registration.Property(r => r.Name).HasMaxLength(WebAuthnRegistrations.MaxNameLength);
        // The database decides between two concurrent registrations of one credential (WebAuthn §7.1 step 22).
        registration.HasIndex(r => r.CredentialId).IsUnique();
        registration.HasIndex(r => r.UserId);
        registration.HasOne<User>().WithMany(u => u.WebAuthnRegistrations).HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
