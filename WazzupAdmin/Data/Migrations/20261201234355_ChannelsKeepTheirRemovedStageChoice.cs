using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChannelsKeepTheirRemovedStageChoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RemovedFunnelId",
                table: "Channels",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovedStageId",
                table: "Channels",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RemovedFunnelId",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "RemovedStageId",
                table: "Channels");
        }
    }
}
