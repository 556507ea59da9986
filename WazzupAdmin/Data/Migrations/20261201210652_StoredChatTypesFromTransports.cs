using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoredChatTypesFromTransports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Apart from the schema change before it, so that these statements run on the rebuilt ContactChats table.
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
        }
    }
}
