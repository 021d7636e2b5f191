using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Godwit.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OAuthRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "oauth_registrations",
                columns: table => new
                {
                    oauth_registration_id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    provider_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    provider_subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    profile_picture_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    locale = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oauth_registrations", x => x.oauth_registration_id);
                    table.ForeignKey(
                        name: "fk_oauth_registrations_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_oauth_registrations_provider_type_provider_subject",
                table: "oauth_registrations",
                columns: new[] { "provider_type", "provider_subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_oauth_registrations_user_id",
                table: "oauth_registrations",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "oauth_registrations");
        }
    }
}
