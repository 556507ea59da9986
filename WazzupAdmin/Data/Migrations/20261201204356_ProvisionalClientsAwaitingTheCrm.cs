using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProvisionalClientsAwaitingTheCrm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubjectId",
                table: "OutboxEvents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Provisional",
                table: "Deals",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReplacedId",
                table: "Deals",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Provisional",
                table: "Contacts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReplacedId",
                table: "Contacts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deals_ReplacedId",
                table: "Deals",
                column: "ReplacedId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ReplacedId",
                table: "Contacts",
                column: "ReplacedId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deals_ReplacedId",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_ReplacedId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "SubjectId",
                table: "OutboxEvents");

            migrationBuilder.DropColumn(
                name: "Provisional",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "ReplacedId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Provisional",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "ReplacedId",
                table: "Contacts");
        }
    }
}
