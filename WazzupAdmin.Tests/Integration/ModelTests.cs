using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Tests.Localization;

namespace WazzupAdmin.Tests.Integration;

/// <summary>
/// The model, the migrations and the hand-written statements of the hot path describe one store: a mapping changed
/// without its migration, or a table or column renamed or added under the prepared statements, fails here rather than
/// at a client's first message.
/// </summary>
public sealed partial class ModelTests : IDisposable
{
    private readonly string filePath = Path.Combine(Path.GetTempPath(), $"wazzup-model-{Guid.NewGuid():N}.db");

    private AppDbContext CreateContext() => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString()).Options);

    [Fact]
    public void The_model_has_no_changes_that_a_migration_does_not_carry()
    {
        using var db = CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the last migration's snapshot: add a migration (dotnet ef migrations add <Name> --project WazzupAdmin --context AppDbContext --output-dir Data/Migrations).");
    }

    [Fact]
    public void The_postgres_model_has_no_changes_that_its_migrations_do_not_carry()
    {
        using var db = new Data.Postgres.PostgresAppDbContextDesignFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the PostgreSQL migrations' snapshot: add a migration (dotnet ef migrations add <Name> --project WazzupAdmin --context PostgresAppDbContext --output-dir Data/Migrations/Postgres).");
    }

    [Fact]
    public void Every_table_and_column_the_prepared_statements_name_is_mapped_by_the_model()
    {
        using var db = CreateContext();
        var tables = db.Model.GetRelationalModel();

        foreach (var (name, sql) in Statements())
        {
            var (table, columns) = Names(sql);
            var mapped = tables.FindTable(table, null);
            Assert.True(mapped is not null, $"{name}: the model maps no table \"{table}\".");
            foreach (var column in columns)
            {
                Assert.True(mapped.FindColumn(column) is not null, $"{name}: the model's table \"{table}\" has no column \"{column}\".");
            }
        }
    }

    [Fact]
    public async Task Every_insert_of_the_prepared_statements_fills_each_column_that_has_no_default()
    {
        await using (var db = CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var inserts = Statements().Where(s => s.Sql.TrimStart().StartsWith("INSERT", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(inserts);
        foreach (var (name, sql) in inserts)
        {
            var (table, _) = Names(sql);
            var inserted = InsertedColumns().Match(sql).Groups["columns"].Value.Split(',').Select(c => c.Trim().Trim('"')).ToHashSet();
            var columns = await MigratedColumnsAsync(connection, table);
            Assert.True(columns.Count > 0, $"{name}: the migrated store has no table \"{table}\".");
            var keyColumns = columns.Count(c => c.Key);
            foreach (var column in columns)
            {
                // A table's only INTEGER PRIMARY KEY is the row id, which SQLite numbers itself.
                var numbered = column.Key && keyColumns == 1 && column.Type == "INTEGER";
                if (column.NotNull && !column.HasDefault && !numbered)
                {
                    Assert.True(inserted.Contains(column.Name),
                        $"{name}: the migrated table \"{table}\" requires \"{column.Name}\", which the statement leaves out.");
                }
            }
        }
    }

    private static async Task<List<(string Name, string Type, bool NotNull, bool HasDefault, bool Key)>> MigratedColumnsAsync(
        SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<(string, string, bool, bool, bool)>();
        while (await reader.ReadAsync())
        {
            columns.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1, !reader.IsDBNull(3), reader.GetInt64(4) > 0));
        }

        return columns;
    }

    /// <summary>
    /// The statements of <see cref="IncomingRows"/>, read from its source: every raw string literal that inserts or
    /// updates, named by the method it is in.
    /// </summary>
    private static List<(string Name, string Sql)> Statements()
    {
        var source = File.ReadAllText(Path.Combine(UiTextKeys.RepositoryRoot, "WazzupAdmin", "Data", "IncomingRows.cs"));
        var statements = new List<(string Name, string Sql)>();
        foreach (Match literal in RawString().Matches(source))
        {
            var sql = literal.Groups["sql"].Value;
            if (!Statement().IsMatch(sql))
            {
                continue;
            }

            var methods = Method().Matches(source[..literal.Index]);
            statements.Add((methods.Count > 0 ? methods[^1].Groups["name"].Value : "?", sql));
        }

        Assert.NotEmpty(statements);
        return statements;
    }

    /// <summary>The statement's table (the first quoted name) and every other quoted name, which are its columns.</summary>
    private static (string Table, IReadOnlyList<string> Columns) Names(string sql)
    {
        var names = QuotedName().Matches(sql).Select(m => m.Groups["name"].Value).ToList();
        return (names[0], names.Skip(1).Distinct().ToList());
    }

    [GeneratedRegex("\"\"\"(?<sql>.*?)\"\"\"", RegexOptions.Singleline)]
    private static partial Regex RawString();

    [GeneratedRegex("^\\s*(INSERT INTO|UPDATE) \"")]
    private static partial Regex Statement();

    [GeneratedRegex("public (?:[\\w<>]+ )+(?<name>\\w+)\\(")]
    private static partial Regex Method();

    [GeneratedRegex("\"(?<name>[A-Za-z]+)\"")]
    private static partial Regex QuotedName();

    [GeneratedRegex("^\\s*INSERT INTO \"[A-Za-z]+\" \\((?<columns>[^)]*)\\)")]
    private static partial Regex InsertedColumns();

    public void Dispose()
    {
        foreach (var file in new[] { filePath, filePath + "-wal", filePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
