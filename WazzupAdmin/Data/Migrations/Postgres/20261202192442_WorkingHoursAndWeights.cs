using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorkingHoursAndWeights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing channels stay always open (no time zone) and existing reps keep an equal share (weight 1).
            migrationBuilder.AddColumn<string>(
                name: "HoursTimeZone",
                table: "Channels",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutsideHours",
                table: "Channels",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Queue");

            migrationBuilder.AddColumn<string>(
                name: "WeeklyHours",
                table: "Channels",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Credit",
                table: "ChannelAccess",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Weight",
                table: "ChannelAccess",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HoursTimeZone",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "OutsideHours",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "WeeklyHours",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "Credit",
                table: "ChannelAccess");

            migrationBuilder.DropColumn(
                name: "Weight",
                table: "ChannelAccess");
        }
    }
}
