using System.Net;
using Microsoft.Data.Sqlite;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

public sealed class HealthTests : IAsyncLifetime
{
    private readonly AppFactory app = new();

    [Fact]
    public async Task Health_answers_200_while_the_database_answers()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(app.DatabasePath), "The app runs on the factory's own database file.");
    }

    [Fact]
    public async Task Health_answers_503_when_the_database_cannot_be_opened()
    {
        using var client = app.CreateClient();
        using (var before = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // A directory where the database file was: SQLite can no longer open it, as with a lost or unmounted volume.
        // The console's background services may open the store between the delete and the directory's creation and
        // so make the file again; the swap is retried a bounded number of times until the directory takes its place.
        for (var attempt = 1; !Directory.Exists(app.DatabasePath); attempt++)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(app.WorkspaceFolder, AppFactory.DatabaseFileName + "*"))
            {
                File.Delete(file);
            }

            try
            {
                Directory.CreateDirectory(app.DatabasePath);
            }
            catch (IOException) when (attempt < 50)
            {
                // A file came back before the directory could be made: try again.
            }
        }

        SqliteConnection.ClearAllPools();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();
}
