using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Godwit.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WebAuthnAndBiometrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "biometric_challenges",
                columns: table => new
                {
                    challenge_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ceremony = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    biometric_registration_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    key_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    public_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    challenge = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_biometric_challenges", x => x.challenge_id);
                    table.ForeignKey(
                        name: "fk_biometric_challenges_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "biometric_registrations",
                columns: table => new
                {
                    biometric_registration_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    key_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    public_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_biometric_registrations", x => x.biometric_registration_id);
                    table.ForeignKey(
                        name: "fk_biometric_registrations_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webauthn_challenges",
                columns: table => new
                {
                    challenge_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ceremony = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    challenge = table.Column<byte[]>(type: "BLOB", nullable: false),
                    options = table.Column<string>(type: "TEXT", nullable: false),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    authenticator_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webauthn_challenges", x => x.challenge_id);
                    table.ForeignKey(
                        name: "fk_webauthn_challenges_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webauthn_registrations",
                columns: table => new
                {
                    webauthn_registration_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    authenticator_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    credential_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    public_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    user_handle = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sign_count = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webauthn_registrations", x => x.webauthn_registration_id);
                    table.ForeignKey(
                        name: "fk_webauthn_registrations_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_biometric_challenges_biometric_registration_id_ceremony_created_at",
                table: "biometric_challenges",
                columns: new[] { "biometric_registration_id", "ceremony", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_biometric_challenges_user_id",
                table: "biometric_challenges",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_biometric_registrations_public_key",
                table: "biometric_registrations",
                column: "public_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_biometric_registrations_user_id",
                table: "biometric_registrations",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_webauthn_challenges_challenge",
                table: "webauthn_challenges",
                column: "challenge",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webauthn_challenges_user_id",
                table: "webauthn_challenges",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_webauthn_registrations_credential_id",
                table: "webauthn_registrations",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webauthn_registrations_user_id",
                table: "webauthn_registrations",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "biometric_challenges");

            migrationBuilder.DropTable(
                name: "biometric_registrations");

            migrationBuilder.DropTable(
                name: "webauthn_challenges");

            migrationBuilder.DropTable(
                name: "webauthn_registrations");
        }
    }
}
