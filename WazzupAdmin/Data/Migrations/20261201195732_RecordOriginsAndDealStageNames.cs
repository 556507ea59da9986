using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecordOriginsAndDealStageNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FunnelName",
                table: "Deals",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "Deals",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Crm");

            migrationBuilder.AddColumn<string>(
                name: "OriginSource",
                table: "Deals",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StageName",
                table: "Deals",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "Contacts",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Crm");

            migrationBuilder.AddColumn<string>(
                name: "OriginSource",
                table: "Contacts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Where the records already stored came from, as far as the store can tell: the demo workspace's own ids,
            // the contact and deal of each new client's first conversation, and deals at a demo CRM address under the
            // id the New deal page gives. The rest were pushed by the CRM, through a key no longer known.
            const string demoContacts = "'c-1001','c-1002','c-1003','c-1004','c-1005','c-1006','c-1007','c-1008','c-1009','c-1010','c-1011','c-1012'";
            const string demoDeals = "'d-2001','d-2002','d-2003','d-2004','d-2005','d-2006','d-2007','d-2008','d-2009','d-2010','d-2011','d-2012','d-2013','d-2014','d-2015'";
            migrationBuilder.Sql($"""UPDATE "Contacts" SET "Origin" = 'DemoSeed' WHERE "Id" IN ({demoContacts});""");
            migrationBuilder.Sql("""
                UPDATE "Contacts" SET "Origin" = 'NewClient'
                WHERE "Origin" = 'Crm' AND "Id" IN (SELECT "ContactId" FROM "Conversations" WHERE "NewClientDealId" IS NOT NULL);
                """);
            migrationBuilder.Sql($"""UPDATE "Deals" SET "Origin" = 'DemoSeed' WHERE "Id" IN ({demoDeals});""");
            migrationBuilder.Sql("""
                UPDATE "Deals" SET "Origin" = 'NewClient'
                WHERE "Origin" = 'Crm' AND "Id" IN (SELECT "NewClientDealId" FROM "Conversations" WHERE "NewClientDealId" IS NOT NULL);
                """);
            migrationBuilder.Sql("""
                UPDATE "Deals" SET "Origin" = 'DemoNewDealPage'
                WHERE "Origin" = 'Crm' AND "Id" LIKE 'd-%' AND length("Id") = 34 AND "Uri" = '/demo-crm/deals/' || "Id";
                """);

            // Deals in a stage the CRM still has keep its names from now on; of a stage already removed none are left.
            migrationBuilder.Sql("""
                UPDATE "Deals" SET
                    "FunnelName" = (SELECT f."Name" FROM "Funnels" f WHERE f."Id" = "Deals"."FunnelId"),
                    "StageName" = (SELECT s."Name" FROM "Stages" s WHERE s."FunnelId" = "Deals"."FunnelId" AND s."Id" = "Deals"."StageId")
                WHERE "FunnelId" IS NOT NULL AND "StageId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FunnelName",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "OriginSource",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "StageName",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "OriginSource",
                table: "Contacts");
        }
    }
}
