using System.Net;
using System.Net.Http.Headers;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary><c>create-api-key --name NAME</c> prints a key that the API takes, without a browser.</summary>
public sealed class ApiKeyCommandTests : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_command_prints_only_the_key_and_the_key_works()
    {
        _ = app.Services;
        Assert.True(ApiKeyCommand.TryParse(["create-api-key", "--name", "Automation"], out var command));
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await command.RunAsync(app.Services, output, error);

        Assert.Equal(0, exitCode);
        var key = output.ToString().Trim();
        Assert.Matches("^wz_[0-9a-f]{64}$", key);
        Assert.Contains("Automation", error.ToString(), StringComparison.Ordinal);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var channels = await client.GetAsync("/v3/channels");
        Assert.Equal(HttpStatusCode.OK, channels.StatusCode);
        var listed = await app.InStoreAsync(db => Task.FromResult(db.ApiKeys.Single(k => k.Name == "Automation")));
        Assert.Equal(ApiKeyService.CommandLineCreator, listed.CreatedBy);
    }

    [Theory]
    [InlineData("create-api-key")]
    [InlineData("create-api-key", "--name")]
    [InlineData("create-api-key", "--name", "  ")]
    public async Task Without_a_name_it_says_how_to_call_it_and_creates_nothing(params string[] args)
    {
        _ = app.Services;
        Assert.True(ApiKeyCommand.TryParse(args, out var command));
        var error = new StringWriter();

        Assert.Equal(2, await command.RunAsync(app.Services, TextWriter.Null, error));

        Assert.Contains("create-api-key --name NAME", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.InStoreAsync(db => Task.FromResult(db.ApiKeys.Count())));
    }

    [Fact]
    public void Other_arguments_are_not_this_command() =>
        Assert.False(ApiKeyCommand.TryParse(["create-admin", "--email", "a@b.c"], out _));
}
