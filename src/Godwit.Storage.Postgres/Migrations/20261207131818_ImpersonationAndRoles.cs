using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Godwit.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImpersonationAndRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "roles",
                table: "users",
                type: "character varying(4096)",
                maxLength: 4096,
                nullable: false,
                defaultValueSql: "'[]'");

            migrationBuilder.CreateTable(
                name: "impersonations",
                columns: table => new
                {
                    impersonation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    impersonator_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    impersonator_email_address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    reason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    session_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_impersonations", x => x.impersonation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_impersonations_token_hash",
                table: "impersonations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_impersonations_user_id_created_at",
                table: "impersonations",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "impersonations");

            migrationBuilder.DropColumn(
                name: "roles",
                table: "users");
        }
    }
}
