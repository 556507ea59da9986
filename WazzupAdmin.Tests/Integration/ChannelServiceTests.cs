using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>Adding and changing channels through the use case, on the demo database.</summary>
public sealed class ChannelServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_new_channel_is_stored_with_its_normalised_identifier()
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var channels = scope.ServiceProvider.GetRequiredService<ChannelService>();

        var outcome = await channels.AddAsync(Transport.Waba, "+34 699 111 222", "  Support WABA  ");

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        var added = Assert.Single(await channels.ListAsync(), c => c.PlainId == "+34699111222");
        Assert.Equal("Support WABA", added.Name);
        Assert.Equal(ChannelState.Active, added.State);
        Assert.True(added.HasNewClientStage);
    }

    [Theory]
    [InlineData(Transport.WhatsApp, "+34 612 345 678")]
    [InlineData(Transport.Telegram, "@wazzup_sales")]
    [InlineData(Transport.Telegram, "Wazzup_Sales")]
    [InlineData(Transport.Instagram, "Wazzup.Store")]
    public async Task A_channel_already_connected_cannot_be_added_again_however_it_is_written(Transport transport, string plainId)
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var channels = scope.ServiceProvider.GetRequiredService<ChannelService>();

        var outcome = await channels.AddAsync(transport, plainId, "Duplicate");

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal("A channel with this identifier already exists.", outcome.ErrorFor("PlainId"));
    }

    [Fact]
    public async Task An_invalid_identifier_and_a_missing_name_are_both_reported()
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);

        var outcome = await scope.ServiceProvider.GetRequiredService<ChannelService>().AddAsync(Transport.TelegramBot, "shop", " ");

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.NotNull(outcome.ErrorFor("PlainId"));
        Assert.Equal("This field is required.", outcome.ErrorFor("Name"));
    }

    [Fact]
    public async Task Renaming_from_a_stale_version_is_a_conflict()
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var channels = scope.ServiceProvider.GetRequiredService<ChannelService>();
        await channels.AddAsync(Transport.Telegram, "rename_me", "Rename me");
        var channel = (await channels.ListAsync()).Single(c => c.PlainId == "rename_me");

        var first = await channels.RenameAsync(channel.Id, channel.Version, "Renamed once");
        var second = await channels.RenameAsync(channel.Id, channel.Version, "Renamed twice");

        Assert.Equal(SaveStatus.Saved, first.Status);
        Assert.Equal(SaveStatus.Conflict, second.Status);
        Assert.Equal("Renamed once", (await channels.ListAsync()).Single(c => c.Id == channel.Id).Name);
    }
}
