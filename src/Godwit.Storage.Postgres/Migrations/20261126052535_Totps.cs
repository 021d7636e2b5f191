using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Godwit.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Totps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_totps",
                columns: table => new
                {
                    totp_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    encrypted_secret = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    verified = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_step = table.Column<long>(type: "bigint", nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    attempt_window_started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_totps", x => x.totp_id);
                    table.ForeignKey(
                        name: "fk_user_totps_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "totp_recovery_codes",
                columns: table => new
                {
                    recovery_code_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    totp_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    encrypted_code = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_totp_recovery_codes", x => x.recovery_code_id);
                    table.ForeignKey(
                        name: "fk_totp_recovery_codes_user_totps_totp_id",
                        column: x => x.totp_id,
                        principalTable: "user_totps",
                        principalColumn: "totp_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_totp_recovery_codes_totp_id",
                table: "totp_recovery_codes",
                column: "totp_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_totps_user_id_verified",
                table: "user_totps",
                columns: new[] { "user_id", "verified" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "totp_recovery_codes");

            migrationBuilder.DropTable(
                name: "user_totps");
        }
    }
}
