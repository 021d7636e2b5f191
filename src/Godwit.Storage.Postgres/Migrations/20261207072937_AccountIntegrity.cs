using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Godwit.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AccountIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "password_deleted_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "reset_required",
                table: "user_passwords",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "budgets",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    window_started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_budgets_window_started_at",
                table: "budgets",
                column: "window_started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budgets");

            migrationBuilder.DropColumn(
                name: "password_deleted_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "reset_required",
                table: "user_passwords");
        }
    }
}
