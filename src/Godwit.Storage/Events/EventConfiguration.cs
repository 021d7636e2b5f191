using Godwit.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.Events;

internal sealed class GodwitEventConfiguration : IEntityTypeConfiguration<GodwitEvent>
{
    public void Configure(EntityTypeBuilder<GodwitEvent> recorded)
    {
        recorded.ToTable("events");
        recorded.HasKey(e => e.EventId);
        recorded.Property(e => e.EventId).HasMaxLength(64);
        recorded.Property(e => e.Type).HasMaxLength(64);
        recorded.Property(e => e.UserId).HasMaxLength(64);
        recorded.Property(e => e.ActorType).HasMaxLength(16);
        recorded.Property(e => e.ActorId).HasMaxLength(64);
        recorded.Property(e => e.IpAddress).HasMaxLength(45);
        recorded.Property(e => e.UserAgent).HasMaxLength(512);
        // The listing's order (and its cursor), and the retention pruner's range.
        recorded.HasIndex(e => new { e.OccurredAt, e.EventId });
        // One user's history, the console's timeline and GET /v1/events?user_id=.
        recorded.HasIndex(e => new { e.UserId, e.OccurredAt });
    }
}

internal sealed class EventOutboxEntryConfiguration : IEntityTypeConfiguration<EventOutboxEntry>
{
    public void Configure(EntityTypeBuilder<EventOutboxEntry> entry)
    {
        entry.ToTable("event_outbox");
        // On SQLite the table is WITHOUT ROWID (migration CompactEventOutbox); EF Core cannot say so here.
        entry.HasKey(e => e.EventId);
        entry.Property(e => e.EventId).HasMaxLength(64);
        entry.HasOne<GodwitEvent>().WithOne().HasForeignKey<EventOutboxEntry>(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
