using Godwit.Core.OAuth;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.OAuth;

internal sealed class OAuthFlowStateConfiguration : IEntityTypeConfiguration<OAuthFlowState>
{
    public void Configure(EntityTypeBuilder<OAuthFlowState> state)
    {
        state.ToTable("oauth_states");
        state.HasKey(s => s.OAuthStateId);
        state.Property(s => s.OAuthStateId).HasColumnName("oauth_state_id").HasMaxLength(64);
        state.Property(s => s.Provider).HasMaxLength(64);
        state.Property(s => s.SealedProviderVerifier).HasMaxLength(128);
        state.Property(s => s.Nonce).HasMaxLength(64);
        state.Property(s => s.CodeChallenge).HasMaxLength(64);
        state.Property(s => s.LoginRedirectUrl).HasMaxLength(2048);
        state.Property(s => s.SignupRedirectUrl).HasMaxLength(2048);
        state.Property(s => s.AttachUserId).HasMaxLength(64);
        state.HasIndex(s => s.StateHash).IsUnique();
        state.HasIndex(s => s.ExpiresAt);
        // A flow attaching to a user ends with the user.
        state.HasOne<User>().WithMany().HasForeignKey(s => s.AttachUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OAuthGrantConfiguration : IEntityTypeConfiguration<OAuthGrant>
{
    public void Configure(EntityTypeBuilder<OAuthGrant> grant)
    {
        grant.ToTable("oauth_grants");
        grant.HasKey(g => g.OAuthGrantId);
        grant.Property(g => g.OAuthGrantId).HasColumnName("oauth_grant_id").HasMaxLength(64);
        grant.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
        grant.Property(g => g.UserId).HasMaxLength(64);
        grant.Property(g => g.Provider).HasMaxLength(64);
        grant.Property(g => g.OAuthRegistrationId).HasColumnName("oauth_registration_id").HasMaxLength(80);
        grant.Property(g => g.ProviderSubject).HasMaxLength(255);
        grant.Property(g => g.EmailId).HasMaxLength(64);
        grant.Property(g => g.CodeChallenge).HasMaxLength(64);
        grant.HasIndex(g => g.TokenHash).IsUnique();
        grant.HasIndex(g => g.ExpiresAt);
        grant.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
