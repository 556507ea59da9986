using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Audit;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>Settings saved through the use cases are in the database file, not in the running app.</summary>
public sealed class SettingsPersistenceTests : IAsyncLifetime
{
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    private AppFactory app = new();

    [Fact]
    public async Task Roles_funnel_stage_and_algorithm_survive_a_restart_with_their_audit_entries()
    {
        await using (var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail))
        {
            var access = scope.ServiceProvider.GetRequiredService<ChannelAccessService>();
            var sheet = (await access.LoadAsync(SalesWhatsApp))!;
            var farid = sheet.Users.Single(u => u.UserId == "u-farid");
            var greta = sheet.Users.Single(u => u.UserId == "u-greta");
            Assert.Equal(ChannelRole.SalesRep, farid.Role);
            Assert.Equal(ChannelRole.NoAccess, greta.Role);

            var savedAccess = await access.SaveAsync(SalesWhatsApp, sheet.Channel.Version,
                [farid with { Role = ChannelRole.Manager }, greta with { Role = ChannelRole.SalesRep, ReceivesNewClients = true }]);
            Assert.Equal(SaveStatus.Saved, savedAccess.Status);

            var newClients = scope.ServiceProvider.GetRequiredService<NewClientSettingsService>();
            var savedNewClients = await newClients.SaveAsync(SalesWhatsApp, savedAccess.Version, "f-partners", "p-meeting", DistributionAlgorithm.InTurn);
            Assert.Equal(SaveStatus.Saved, savedNewClients.Status);
        }

        var databaseFile = app.DatabasePath;
        app = await app.RestartAsync();
        Assert.Equal(databaseFile, app.DatabasePath);

        await using (var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail))
        {
            var sheet = (await scope.ServiceProvider.GetRequiredService<ChannelAccessService>().LoadAsync(SalesWhatsApp))!;
            Assert.Equal(ChannelRole.Manager, sheet.Users.Single(u => u.UserId == "u-farid").Role);
            Assert.Equal(new UserAccess("u-greta", "Greta Hansen", ChannelRole.SalesRep, ReceivesNewClients: true), sheet.Users.Single(u => u.UserId == "u-greta"));

            var settings = (await scope.ServiceProvider.GetRequiredService<NewClientSettingsService>().LoadAsync(SalesWhatsApp))!;
            Assert.Equal("f-partners", settings.FunnelId);
            Assert.Equal("p-meeting", settings.StageId);
            Assert.Equal(DistributionAlgorithm.InTurn, settings.Algorithm);
            Assert.Contains(settings.EligibleReps, r => r.UserId == "u-greta");

            var audit = await scope.ServiceProvider.GetRequiredService<AuditLogService>().QueryAsync(SalesWhatsApp, null, 0, 50);
            Assert.Equal(4, audit.Total);
            Assert.All(audit.Items, row => Assert.Equal(DemoWorkspace.AdminEmail, row.ActorName));
            Assert.Contains(audit.Items, row => row.What == "Access of {0}" && row.Subject == "Farid Khan"
                && row.OldValue == "Sales rep, does not receive new clients" && row.NewValue == "Manager");
            Assert.Contains(audit.Items, row => row.What == "Access of {0}" && row.Subject == "Greta Hansen"
                && row.OldValue == "No access" && row.NewValue == "Sales rep, receives new clients");
            Assert.Contains(audit.Items, row => row.What == "Funnel and stage for new clients"
                && row.OldValue == "Sales / New lead" && row.NewValue == "Partners / Meeting");
            Assert.Contains(audit.Items, row => row.What == "Distribution algorithm"
                && row.OldValue == "First responder" && row.NewValue == "In turn");
        }
    }

    [Fact]
    public async Task A_sign_in_survives_a_restart()
    {
        string authCookie;
        using (var client = app.CreateCookieClient())
        {
            using var response = await AppFactory.SubmitLoginFormAsync(client, DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword);
            authCookie = response.Headers.GetValues("Set-Cookie")
                .Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal))
                .Split(';')[0];
        }

        app = await app.RestartAsync();

        using var restarted = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/settings/channels");
        request.Headers.Add("Cookie", authCookie);
        using var page = await restarted.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_second_save_from_the_same_version_is_refused_and_changes_nothing()
    {
        await using var firstAdmin = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        await using var secondAdmin = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var firstService = firstAdmin.ServiceProvider.GetRequiredService<ChannelAccessService>();
        var secondService = secondAdmin.ServiceProvider.GetRequiredService<ChannelAccessService>();
        var firstSheet = (await firstService.LoadAsync(SalesWhatsApp))!;
        var secondSheet = (await secondService.LoadAsync(SalesWhatsApp))!;
        Assert.Equal(firstSheet.Channel.Version, secondSheet.Channel.Version);
        var auditBefore = (await firstAdmin.ServiceProvider.GetRequiredService<AuditLogService>().QueryAsync(SalesWhatsApp, null, 0, 1)).Total;

        var elena = firstSheet.Users.Single(u => u.UserId == "u-elena");
        var first = await firstService.SaveAsync(SalesWhatsApp, firstSheet.Channel.Version, [elena with { Role = ChannelRole.Manager }]);
        var second = await secondService.SaveAsync(SalesWhatsApp, secondSheet.Channel.Version,
            [elena with { Role = ChannelRole.NoAccess }, secondSheet.Users.Single(u => u.UserId == "u-greta") with { Role = ChannelRole.QualityControl }]);

        Assert.Equal(SaveStatus.Saved, first.Status);
        Assert.Equal(firstSheet.Channel.Version + 1, first.Version);
        Assert.Equal(SaveStatus.Conflict, second.Status);

        var stored = (await secondService.LoadAsync(SalesWhatsApp))!;
        Assert.Equal(first.Version, stored.Channel.Version);
        Assert.Equal(ChannelRole.Manager, stored.Users.Single(u => u.UserId == "u-elena").Role);
        Assert.Equal(ChannelRole.NoAccess, stored.Users.Single(u => u.UserId == "u-greta").Role);
        var auditAfter = (await firstAdmin.ServiceProvider.GetRequiredService<AuditLogService>().QueryAsync(SalesWhatsApp, null, 0, 1)).Total;
        Assert.Equal(auditBefore + 1, auditAfter);
    }

    [Fact]
    public async Task The_settings_use_cases_refuse_a_user_who_is_not_an_administrator()
    {
        await using var scope = await app.CreateScopeSignedInAsAsync("boris@wazzup.demo");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<ChannelAccessService>().LoadAsync(SalesWhatsApp));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<ChannelService>().ListAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();
}
