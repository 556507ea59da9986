using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class StructuredAssignmentReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReasonActor",
                table: "Assignments",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReasonKind",
                table: "Assignments",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Text");

            migrationBuilder.AddColumn<string>(
                name: "ReasonNames",
                table: "Assignments",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ReasonPrevious",
                table: "Assignments",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            // Reasons stored before they were facts were English sentences of a few known shapes: read each back into
            // its kind and names. A sentence of no known shape stays as text (kind Text) and is shown as it was written.
            // A list of names "A, B, C" becomes the JSON array ["A","B","C"].
            static string Names(string list) =>
                $"""CASE WHEN {list} = '' THEN '[]' ELSE '["' || replace(replace(replace({list}, '\', '\\'), '"', '\"'), ', ', '","') || '"]' END""";

            migrationBuilder.Sql("""
                UPDATE "Assignments" SET "ReasonKind" = 'NobodyEligible'
                WHERE "Reason" = 'Nobody was eligible: no sales rep with “receives new clients” on.';
                """);
            migrationBuilder.Sql($"""
                UPDATE "Assignments" SET "ReasonKind" = 'InTurn', "ReasonNames" = {Names("""substr("Reason", 32, length("Reason") - 32)""")}
                WHERE "ReasonKind" = 'Text' AND "Reason" LIKE 'In turn: first turn; eligible: %.';
                """);
            migrationBuilder.Sql($"""
                UPDATE "Assignments" SET "ReasonKind" = 'InTurn',
                    "ReasonActor" = substr("Reason", 21, instr("Reason", '; eligible: ') - 21),
                    "ReasonNames" = {Names("""substr("Reason", instr("Reason", '; eligible: ') + 12, length("Reason") - instr("Reason", '; eligible: ') - 12)""")}
                WHERE "ReasonKind" = 'Text' AND "Reason" LIKE 'In turn: turn after %; eligible: %.';
                """);
            migrationBuilder.Sql($"""
                UPDATE "Assignments" SET "ReasonKind" = 'FirstResponderOffered', "ReasonNames" = {Names("""substr("Reason", 29, length("Reason") - 29)""")}
                WHERE "ReasonKind" = 'Text' AND "Reason" LIKE 'First responder: offered to %.';
                """);
            migrationBuilder.Sql($"""
                UPDATE "Assignments" SET "ReasonKind" = 'FirstResponderClaimed',
                    "ReasonActor" = substr("Reason", 18, instr("Reason", ' replied first; it was offered to ') - 18),
                    "ReasonNames" = {Names("""substr("Reason", instr("Reason", ' replied first; it was offered to ') + 34, length("Reason") - instr("Reason", ' replied first; it was offered to ') - 34)""")}
                WHERE "ReasonKind" = 'Text' AND "Reason" LIKE 'First responder: % replied first; it was offered to %.';
                """);
            migrationBuilder.Sql("""
                UPDATE "Assignments" SET "ReasonKind" = 'AssignedBy',
                    "ReasonActor" = substr("Reason", 13, instr("Reason", '; previously ') - 13),
                    "ReasonPrevious" = substr("Reason", instr("Reason", '; previously ') + 13, length("Reason") - instr("Reason", '; previously ') - 13)
                WHERE "ReasonKind" = 'Text' AND "Reason" LIKE 'Assigned by %; previously %.';
                """);
            migrationBuilder.Sql("""
                UPDATE "Assignments" SET "ReasonKind" = 'AssignedBy', "ReasonActor" = substr("Reason", 13, length("Reason") - 13)
                WHERE "ReasonKind" = 'Text' AND "Reason" LIKE 'Assigned by %.';
                """);
            migrationBuilder.Sql("""
                UPDATE "Assignments" SET "ReasonKind" = 'SetByCrm', "ReasonActor" = substr("Reason", 29, length("Reason") - 30)
                WHERE "ReasonKind" = 'Text' AND "Reason" LIKE 'Responsible set by the CRM (%).';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReasonActor",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ReasonKind",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ReasonNames",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ReasonPrevious",
                table: "Assignments");
        }
    }
}
