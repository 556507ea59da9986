using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClientQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing channels get the default pace of the queue, three clients per rep per minute.
            migrationBuilder.AddColumn<DateTime>(
                name: "QueuedAtUtc",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QueuePerRepPerMinute",
                table: "Channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "QueueHandOuts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueHandOuts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueHandOuts_Channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "Channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_QueuedAtUtc_ChannelId",
                table: "Conversations",
                columns: new[] { "QueuedAtUtc", "ChannelId" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueHandOuts_ChannelId_AtUtc",
                table: "QueueHandOuts",
                columns: new[] { "ChannelId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QueueHandOuts");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_QueuedAtUtc_ChannelId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "QueuedAtUtc",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "QueuePerRepPerMinute",
                table: "Channels");
        }
    }
}
