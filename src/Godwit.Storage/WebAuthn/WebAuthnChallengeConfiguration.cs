using Godwit.Core.Users;
using Godwit.Core.WebAuthn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.WebAuthn;

internal sealed class WebAuthnChallengeConfiguration : IEntityTypeConfiguration<WebAuthnChallenge>
{
    public void Configure(EntityTypeBuilder<WebAuthnChallenge> challenge)
    {
        challenge.ToTable("webauthn_challenges");
        challenge.HasKey(c => c.ChallengeId);
        challenge.Property(c => c.ChallengeId).HasMaxLength(64);
        challenge.Property(c => c.Ceremony).HasConversion<string>().HasMaxLength(16);
        challenge.Property(c => c.UserId).HasMaxLength(64);
        challenge.Property(c => c.Domain).HasMaxLength(253);
        challenge.Property(c => c.UserAgent).HasMaxLength(WebAuthnRegistrar.MaxUserAgentLength);
        challenge.Property(c => c.AuthenticatorType).HasMaxLength(16);
        // The client data carries the challenge back; it finds the ceremony.
        challenge.HasIndex(c => c.Challenge).IsUnique();
        challenge.HasIndex(c => c.UserId);
        challenge.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
