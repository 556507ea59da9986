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

            // Chats used to be stored under the channel's transport; they are kept under the chat type the API speaks.
            // WABA chats are WhatsApp chats, Telegram account chats Telegram chats. Where a contact already had the same
            // chat under its chat type, that one stays (one chat belongs to one contact) and the transport-named copy goes.
            foreach (var (transport, chatType) in new[] { ("wapi", "whatsapp"), ("tgapi", "telegram") })
            {
                migrationBuilder.Sql($"UPDATE OR IGNORE \"ContactChats\" SET \"ChatType\" = '{chatType}' WHERE \"ChatType\" = '{transport}';");
                migrationBuilder.Sql($"DELETE FROM \"ContactChats\" WHERE \"ChatType\" = '{transport}';");
                // Webhooks not delivered yet and chat links not used yet name chats too.
                migrationBuilder.Sql($"UPDATE \"OutboxEvents\" SET \"Payload\" = replace(\"Payload\", '\"chatType\":\"{transport}\"', '\"chatType\":\"{chatType}\"') WHERE \"Status\" <> 'Delivered';");
                migrationBuilder.Sql($"UPDATE \"ChatLinks\" SET \"FilterJson\" = replace(\"FilterJson\", '\"chatType\":\"{transport}\"', '\"chatType\":\"{chatType}\"'), \"ActiveChatJson\" = replace(\"ActiveChatJson\", '\"chatType\":\"{transport}\"', '\"chatType\":\"{chatType}\"') WHERE \"UsedAtUtc\" IS NULL;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Chats the CRM gave only by Telegram username or phone have no chat id to go back to.
            migrationBuilder.Sql("DELETE FROM \"ContactChats\" WHERE \"ChatId\" IS NULL;");
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
