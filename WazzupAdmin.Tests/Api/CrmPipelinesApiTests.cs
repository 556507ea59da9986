using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Audit;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Crm;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>The CRM replaces its pipelines; a channel whose stage it removes falls back and is flagged until an administrator chooses.</summary>
public sealed class CrmPipelinesApiTests : IAsyncLifetime
{
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    private static readonly Guid StoreInstagram = DemoWorkspace.Channels[2].Id;

    private readonly AppFactory app = new();
    private HttpClient client = default!;

    public async Task InitializeAsync() => client = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    /// <summary>The demo's pipelines without the Sales funnel's first stage ("New lead"), which the Sales WhatsApp uses.</summary>
    private static object[] WithoutNewLead() =>
    [
        new
        {
            id = "f-sales", name = "Sales",
            stages = new[] { new { id = "s-qualified", name = "Qualified" }, new { id = "s-proposal", name = "Proposal" }, new { id = "s-won", name = "Won" } },
        },
        new { id = "f-partners", name = "Partners", stages = new[] { new { id = "p-inbound", name = "Inbound request" } } },
    ];

    private static object[] DemoPipelines() =>
    [
        .. DemoWorkspace.Funnels.Select(f => (object)new { id = f.Id, name = f.Name, stages = f.Stages.Select(s => new { id = s.Id, name = s.Name }).ToArray() }),
    ];

    [Fact]
    public async Task A_push_replaces_the_pipelines_in_order_and_the_list_shows_them()
    {
        await client.PostOkAsync("/v3/pipelines", new object[]
        {
            new { id = "f-partners", name = "Partners", stages = new[] { new { id = "p-contract", name = "Contract" }, new { id = "p-inbound", name = "Inbound" } } },
            new { id = "f-empty", name = "No stages" },
            new { id = "f-sales", name = "Sales", stages = new[] { new { id = "s-new", name = "New lead" }, new { id = "s-qualified", name = "Qualified" } } },
        });

        var pipelines = (await client.GetJsonAsync("/v3/pipelines")).EnumerateArray().ToList();

        Assert.Equal(["f-partners", "f-empty", "f-sales"], pipelines.Select(p => p.Str("id")));
        Assert.Equal(["Contract", "Inbound"], pipelines[0].GetProperty("stages").EnumerateArray().Select(s => s.Str("name")));
        Assert.False(pipelines[1].TryGetProperty("stages", out _));
        Assert.Equal(0, await app.InStoreAsync(db => db.Stages.CountAsync(s => s.Id == "s-won" || s.Id == "p-meeting")));
        // Every channel's stage (Sales / New lead, Sales / Qualified, Partners / Inbound request) is still there.
        Assert.Equal(0, await app.InStoreAsync(db => db.Channels.CountAsync(c => c.StageRemovedAtUtc != null)));
    }

    [Fact]
    public async Task An_empty_stages_array_is_an_error_naming_the_pipeline_and_nothing_changes()
    {
        using var response = await client.PostJsonAsync("/v3/pipelines", new object[]
        {
            new { id = "f-sales", name = "Sales", stages = new[] { new { id = "s-new", name = "New lead" } } },
            new { id = "f-broken", name = "Broken", stages = Array.Empty<object>() },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PIPELINES_DATA", await response.ErrorCodeAsync());
        var error = Assert.Single(await response.ErrorDataAsync());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("descriptions").Str("stages")));
        Assert.Equal(2, (await client.GetJsonAsync("/v3/pipelines")).GetArrayLength());
        Assert.Equal(5, await app.InStoreAsync(db => db.Stages.CountAsync(s => s.FunnelId == "f-sales")));
    }

    [Fact]
    public async Task A_write_of_101_pipelines_is_refused_and_changes_nothing()
    {
        using var response = await client.PostJsonAsync("/v3/pipelines",
            Enumerable.Range(0, 101).Select(i => new { id = $"f-{i}", name = $"Funnel {i}" }).ToArray());

        Assert.Equal("TOO_MANY_ENTITIES", await response.ErrorCodeAsync());
        Assert.Equal(2, (await client.GetJsonAsync("/v3/pipelines")).GetArrayLength());
    }

    [Fact]
    public async Task Removing_a_channels_stage_flags_it_audits_it_and_new_deals_go_to_the_first_stage_of_its_funnel()
    {
        await client.PostOkAsync("/v3/pipelines", WithoutNewLead());

        await using (var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail))
        {
            var channels = await scope.ServiceProvider.GetRequiredService<ChannelService>().ListAsync();
            var flagged = Assert.Single(channels, c => c.StageRemoved is not null);
            Assert.Equal(SalesWhatsApp, flagged.Id);
            Assert.Equal(new StageRemovedWarning("Sales / New lead", "Sales / Qualified"), flagged.StageRemoved);

            var audit = await app.InStoreAsync(db => db.AuditEntries.SingleAsync(a => a.What == AuditText.CrmRemovedNewClientStage));
            Assert.Equal(SalesWhatsApp, audit.ChannelId);
            Assert.Equal("CRM (Test CRM)", audit.ActorName);
            Assert.Equal("Sales / New lead", audit.OldValue);
            Assert.Equal("Sales / Qualified", audit.NewValue);
        }

        var deal = await NewClientDealAsync(SalesWhatsApp);
        Assert.Equal(("f-sales", "s-qualified"), deal);
    }

    [Fact]
    public async Task Removing_a_channels_whole_funnel_sends_its_new_deals_to_the_first_stage_of_the_first_funnel()
    {
        await client.PostOkAsync("/v3/pipelines", new object[]
        {
            new { id = "f-sales", name = "Sales", stages = new[] { new { id = "s-new", name = "New lead" }, new { id = "s-won", name = "Won" } } },
        });

        var channel = await app.InStoreAsync(db => db.Channels.SingleAsync(c => c.Id == StoreInstagram));
        Assert.Equal("Partners / Inbound request", channel.RemovedStageName);
        Assert.NotNull(channel.StageRemovedAtUtc);
        Assert.Equal(("f-sales", "s-new"), (channel.FunnelId, channel.StageId));
        Assert.Equal(("f-sales", "s-new"), await NewClientDealAsync(StoreInstagram));
    }

    [Fact]
    public async Task An_administrators_save_of_the_new_client_settings_clears_the_flag()
    {
        await client.PostOkAsync("/v3/pipelines", WithoutNewLead());

        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var settings = scope.ServiceProvider.GetRequiredService<NewClientSettingsService>();
        var loaded = await settings.LoadAsync(SalesWhatsApp);
        Assert.NotNull(loaded?.StageRemoved);

        var outcome = await settings.SaveAsync(SalesWhatsApp, loaded.Channel.Version, "f-sales", "s-proposal", DistributionAlgorithm.FirstResponder);

        Assert.True(outcome.Succeeded);
        Assert.Null((await settings.LoadAsync(SalesWhatsApp))?.StageRemoved);
        Assert.DoesNotContain(await scope.ServiceProvider.GetRequiredService<ChannelService>().ListAsync(), c => c.StageRemoved is not null);
    }

    [Fact]
    public async Task The_CRM_sending_a_removed_stage_again_makes_it_the_channels_stage_again()
    {
        await client.PostOkAsync("/v3/pipelines", WithoutNewLead());
        Assert.Equal(("f-sales", "s-qualified"), await NewClientDealAsync(SalesWhatsApp, "34699123456"));

        await client.PostOkAsync("/v3/pipelines", DemoPipelines());

        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var settings = await scope.ServiceProvider.GetRequiredService<NewClientSettingsService>().LoadAsync(SalesWhatsApp);
        Assert.Equal(("f-sales", "s-new"), (settings?.FunnelId, settings?.StageId));
        Assert.Null(settings?.StageRemoved);
        Assert.DoesNotContain(await scope.ServiceProvider.GetRequiredService<ChannelService>().ListAsync(), c => c.StageRemoved is not null);
        Assert.Equal(("f-sales", "s-new"), await NewClientDealAsync(SalesWhatsApp, "34699123457"));
        var restored = await app.InStoreAsync(db => db.AuditEntries.SingleAsync(a => a.What == AuditText.CrmRestoredNewClientStage));
        Assert.Equal((SalesWhatsApp, "CRM (Test CRM)", "Sales / Qualified", "Sales / New lead"), (restored.ChannelId, restored.ActorName, restored.OldValue, restored.NewValue));
    }

    [Fact]
    public async Task The_channels_choice_outlives_its_fallback_being_removed_too()
    {
        await client.PostOkAsync("/v3/pipelines", WithoutNewLead());
        await client.PostOkAsync("/v3/pipelines", new object[]
        {
            new { id = "f-sales", name = "Sales", stages = new[] { new { id = "s-proposal", name = "Proposal" }, new { id = "s-won", name = "Won" } } },
        });

        await using (var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail))
        {
            var channels = await scope.ServiceProvider.GetRequiredService<ChannelService>().ListAsync();
            Assert.Equal(new StageRemovedWarning("Sales / New lead", "Sales / Proposal"), channels.Single(c => c.Id == SalesWhatsApp).StageRemoved);
        }

        Assert.Equal(("f-sales", "s-proposal"), await NewClientDealAsync(SalesWhatsApp, "34699123456"));

        await client.PostOkAsync("/v3/pipelines", DemoPipelines());

        Assert.Equal(("f-sales", "s-new"), await NewClientDealAsync(SalesWhatsApp, "34699123457"));
        Assert.Equal(("f-partners", "p-inbound"), await NewClientDealAsync(StoreInstagram, "new.client.store"));
        Assert.Equal(0, await app.InStoreAsync(db => db.Channels.CountAsync(c => c.StageRemovedAtUtc != null)));
    }

    [Fact]
    public async Task Once_an_administrator_chose_again_the_removed_stage_sent_again_changes_nothing()
    {
        await client.PostOkAsync("/v3/pipelines", WithoutNewLead());
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var settings = scope.ServiceProvider.GetRequiredService<NewClientSettingsService>();
        var loaded = await settings.LoadAsync(SalesWhatsApp);
        Assert.True((await settings.SaveAsync(SalesWhatsApp, loaded!.Channel.Version, "f-sales", "s-proposal", DistributionAlgorithm.FirstResponder)).Succeeded);

        await client.PostOkAsync("/v3/pipelines", DemoPipelines());

        var now = await settings.LoadAsync(SalesWhatsApp);
        Assert.Equal(("f-sales", "s-proposal"), (now?.FunnelId, now?.StageId));
        Assert.Null(now?.StageRemoved);
        Assert.False(await app.InStoreAsync(db => db.AuditEntries.AnyAsync(a => a.What == AuditText.CrmRestoredNewClientStage)));
    }

    [Fact]
    public async Task The_CRM_page_data_records_who_pushed_each_kind_last()
    {
        await client.PostOkAsync("/v3/pipelines", WithoutNewLead());

        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var pushes = (await scope.ServiceProvider.GetRequiredService<CrmDirectoryService>().PushesAsync()).ToDictionary(p => p.Kind);
        Assert.Equal(("Test CRM", 2), (pushes["pipelines"].Source, pushes["pipelines"].LastCount));
        Assert.Equal((CrmSync.DemoSource, DemoWorkspace.Users.Length), (pushes["users"].Source, pushes["users"].LastCount));
    }

    /// <summary>A new client writes to the channel; where the deal made for them is.</summary>
    private Task<(string?, string?)> NewClientDealAsync(Guid channelId) =>
        NewClientDealAsync(channelId, channelId == SalesWhatsApp ? "34699123456" : "new.client.store");

    private async Task<(string?, string?)> NewClientDealAsync(Guid channelId, string clientId)
    {
        var name = "Fresh Client " + clientId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(channelId, clientId, name, "Hello!"));
            Assert.Empty(received.Errors);
        }

        return await app.InStoreAsync(async db =>
        {
            var dealId = await db.Conversations.Where(c => c.ChannelId == channelId && c.Contact!.Name == name)
                .Select(c => c.NewClientDealId).SingleAsync();
            return await db.Deals.Where(d => d.Id == dealId).Select(d => new ValueTuple<string?, string?>(d.FunnelId, d.StageId)).SingleAsync();
        });
    }
}
