using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LegacyApp.Migrations
{
    /// <inheritdoc />
    public partial class GodwitMigration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "godwit_user_id",
                table: "users",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "godwit_migration_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    matched_by = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    godwit_user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    application_user_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_godwit_migration_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_users_godwit_user_id",
                table: "users",
                column: "godwit_user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_godwit_migration_events_day_outcome",
                table: "godwit_migration_events",
                columns: new[] { "day", "outcome" });

            migrationBuilder.CreateIndex(
                name: "ix_godwit_migration_events_godwit_user_id",
                table: "godwit_migration_events",
                column: "godwit_user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "godwit_migration_events");

            migrationBuilder.DropIndex(
                name: "IX_users_godwit_user_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "godwit_user_id",
                table: "users");
        }
    }
}
