using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChatTypesNotTransports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ChatId",
                table: "ContactChats",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "ContactChats",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Username",
                table: "ContactChats",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactChats_ChatType_Phone",
                table: "ContactChats",
                columns: new[] { "ChatType", "Phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactChats_ChatType_Username",
                table: "ContactChats",
                columns: new[] { "ChatType", "Username" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContactChats_ChatType_Phone",
                table: "ContactChats");

            migrationBuilder.DropIndex(
                name: "IX_ContactChats_ChatType_Username",
                table: "ContactChats");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "ContactChats");

            migrationBuilder.DropColumn(
                name: "Username",
                table: "ContactChats");

            migrationBuilder.AlterColumn<string>(
                name: "ChatId",
                table: "ContactChats",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true);
        }
    }
}
