using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WazzupAdmin.Data;

#nullable disable

namespace WazzupAdmin.Data.Migrations
{
    /// <summary>
    /// The in-turn algorithm is stored by its name in the app, "InTurn", instead of the old word "RoundRobin". Data
    /// only: the column and the model stay as they are.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261203071000_InTurnStoredValue")]
    public partial class InTurnStoredValue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""UPDATE "Channels" SET "Algorithm" = 'InTurn' WHERE "Algorithm" = 'RoundRobin';""");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""UPDATE "Channels" SET "Algorithm" = 'RoundRobin' WHERE "Algorithm" = 'InTurn';""");
    }
}
