using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class MessageIdsStatusesAndTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "TemplateStatus",
                table: "WebhookSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ContentUri",
                table: "Messages",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CrmMessageId",
                table: "Messages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAtUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EditedAtUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErrorCode",
                table: "Messages",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextStatusAtUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PublicId",
                table: "Messages",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "QuotedMessageId",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Messages",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "StatusAtUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WabaTemplates",
                columns: table => new
                {
                    TemplateGuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RejectedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Header = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Footer = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WabaTemplates", x => x.TemplateGuid);
                    table.ForeignKey(
                        name: "FK_WabaTemplates_Channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "Channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing messages get their public ids (random, version 4, upper-case text as EF Core stores a Guid) and a
            // status: the clients' messages inbound, the replies read (whatever they went through is long past).
            migrationBuilder.Sql("""
                UPDATE "Messages" SET "PublicId" = hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
                    || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6));
                UPDATE "Messages" SET "Status" = CASE WHEN "Incoming" THEN 'Inbound' ELSE 'Read' END,
                    "StatusAtUtc" = CASE WHEN "Incoming" THEN NULL ELSE "SentAtUtc" END;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CrmMessageId",
                table: "Messages",
                column: "CrmMessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_NextStatusAtUtc",
                table: "Messages",
                column: "NextStatusAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_PublicId",
                table: "Messages",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WabaTemplates_ChannelId",
                table: "WabaTemplates",
                column: "ChannelId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WabaTemplates");

            migrationBuilder.DropIndex(
                name: "IX_Messages_CrmMessageId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_NextStatusAtUtc",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_PublicId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "TemplateStatus",
                table: "WebhookSettings");

            migrationBuilder.DropColumn(
                name: "ContentUri",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "CrmMessageId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "DeletedAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "EditedAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ErrorCode",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "NextStatusAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "PublicId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "QuotedMessageId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "StatusAtUtc",
                table: "Messages");
        }
    }
}
