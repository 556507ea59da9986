using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations.Postgres
{
    /// <summary>
    /// The queue's index leads with the channel: a batch of new clients asks whether its channel has clients waiting, and
    /// the queue is drained channel by channel, so both seek to the channel's queued clients instead of reading every
    /// conversation of the channel. The model is otherwise unchanged.
    /// </summary>
    public partial class QueueIndexByChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_QueuedAtUtc_ChannelId",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ChannelId_QueuedAtUtc",
                table: "Conversations",
                columns: new[] { "ChannelId", "QueuedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_ChannelId_QueuedAtUtc",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_QueuedAtUtc_ChannelId",
                table: "Conversations",
                columns: new[] { "QueuedAtUtc", "ChannelId" });
        }
    }
}
