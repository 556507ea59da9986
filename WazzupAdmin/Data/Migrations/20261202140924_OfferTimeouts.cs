using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class OfferTimeouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "OfferDueAtUtc",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OfferMoves",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "OfferTimedOutAtUtc",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OfferMaxMoves",
                table: "Channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "OfferTimeoutMinutes",
                table: "Channels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OfferWidenTo",
                table: "Channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OfferDueAtUtc",
                table: "Conversations",
                column: "OfferDueAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_OfferDueAtUtc",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "OfferDueAtUtc",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "OfferMoves",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "OfferTimedOutAtUtc",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "OfferMaxMoves",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "OfferTimeoutMinutes",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "OfferWidenTo",
                table: "Channels");
        }
    }
}
