using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Godwit.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OAuthFlows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "oauth_grants",
                columns: table => new
                {
                    oauth_grant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    provider = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    oauth_registration_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    provider_subject = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    email_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_created = table.Column<bool>(type: "boolean", nullable: false),
                    reset_sessions = table.Column<bool>(type: "boolean", nullable: false),
                    code_challenge = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sealed_provider_tokens = table.Column<byte[]>(type: "bytea", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oauth_grants", x => x.oauth_grant_id);
                    table.ForeignKey(
                        name: "fk_oauth_grants_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oauth_states",
                columns: table => new
                {
                    oauth_state_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    provider = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sealed_provider_verifier = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code_challenge = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    login_redirect_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    signup_redirect_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    attach_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oauth_states", x => x.oauth_state_id);
                    table.ForeignKey(
                        name: "fk_oauth_states_users_attach_user_id",
                        column: x => x.attach_user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_oauth_grants_expires_at",
                table: "oauth_grants",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_oauth_grants_token_hash",
                table: "oauth_grants",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_oauth_grants_user_id",
                table: "oauth_grants",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_oauth_states_attach_user_id",
                table: "oauth_states",
                column: "attach_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_oauth_states_expires_at",
                table: "oauth_states",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_oauth_states_state_hash",
                table: "oauth_states",
                column: "state_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "oauth_grants");

            migrationBuilder.DropTable(
                name: "oauth_states");
        }
    }
}
