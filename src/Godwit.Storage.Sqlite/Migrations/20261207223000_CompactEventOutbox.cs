using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Godwit.Storage.Sqlite.Migrations
{
    /// <summary>
    /// Rebuilds <c>event_outbox</c> as a WITHOUT ROWID table: its rows are a key and a time, so the
    /// primary key can hold them, and each event writes one B-tree page fewer. The model is unchanged;
    /// EF Core has no setting for it, so a future rebuild of this table must keep the clause.
    /// </summary>
    [DbContext(typeof(SqliteGodwitDbContext))]
    [Migration("20261207223000_CompactEventOutbox")]
    public partial class CompactEventOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "WITHOUT ROWID");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

        private static void Rebuild(MigrationBuilder migrationBuilder, string options)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "event_outbox_rebuilt" (
                    "event_id" TEXT NOT NULL CONSTRAINT "pk_event_outbox" PRIMARY KEY,
                    "occurred_at" TEXT NOT NULL,
                    CONSTRAINT "fk_event_outbox_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("event_id") ON DELETE CASCADE
                ) {options};
                """);
            migrationBuilder.Sql("""INSERT INTO "event_outbox_rebuilt" ("event_id", "occurred_at") SELECT "event_id", "occurred_at" FROM "event_outbox";""");
            migrationBuilder.Sql("""DROP TABLE "event_outbox";""");
            migrationBuilder.Sql("""ALTER TABLE "event_outbox_rebuilt" RENAME TO "event_outbox";""");
        }
    }
}
