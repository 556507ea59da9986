using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoutingAvailabilityAndCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AwaySinceUtc",
                table: "CrmUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxUnansweredPerRep",
                table: "Channels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnlyOnlineRepsReceiveNewClients",
                table: "Channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MaxUnanswered",
                table: "ChannelAccess",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReasonSkipped",
                table: "Assignments",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AwaySinceUtc",
                table: "CrmUsers");

            migrationBuilder.DropColumn(
                name: "MaxUnansweredPerRep",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "OnlyOnlineRepsReceiveNewClients",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "MaxUnanswered",
                table: "ChannelAccess");

            migrationBuilder.DropColumn(
                name: "ReasonSkipped",
                table: "Assignments");
        }
    }
}
