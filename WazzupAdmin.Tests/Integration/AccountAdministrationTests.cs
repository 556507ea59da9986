using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Tests.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>
/// An administrator sets a password, takes the administrator role or deletes an account, or the CRM deletes the user
/// an account acts as: every open window of that account hears at once that its session ended (without doing
/// anything itself), and the server refuses what it sends afterwards.
/// </summary>
public sealed class AccountAdministrationTests : IAsyncLifetime
{
    private const string Boris = "boris@wazzup.demo";
    private readonly AppFactory app = new();

    [Fact]
    public async Task A_password_set_by_an_administrator_ends_the_open_window_at_once_and_only_the_new_one_signs_in()
    {
        await using var window = await OpenWindowAsync(Boris);
        var borisId = await AccountIdAsync(Boris);

        var outcome = await AsAdministratorAsync(accounts => accounts.SetPasswordAsync(borisId, "Fresh-pass-2026"));

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        await window.AssertEndedAtOnceAsync();
        using var old = app.CreateCookieClient();
        using (await AppFactory.SubmitLoginFormAsync(old, Boris, DemoWorkspace.UserPassword))
        {
        }

        using var stillOut = await old.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);

        using var signedIn = await app.SignInAsync(Boris, "Fresh-pass-2026");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/chat")).StatusCode);
    }

    [Fact]
    public async Task A_password_the_rules_refuse_changes_nothing()
    {
        await using var window = await OpenWindowAsync(Boris);
        var borisId = await AccountIdAsync(Boris);

        var outcome = await AsAdministratorAsync(accounts => accounts.SetPasswordAsync(borisId, "short"));

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.All(outcome.Errors, e => Assert.Equal("Password", e.Field));
        Assert.Equal(SendStatus.Sent, (await window.Replies.SendAsync(window.ConversationId, "still signed in")).Status);
        using var signedIn = await app.SignInAsync(Boris, DemoWorkspace.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/chat")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_account_ends_its_open_window_at_once_and_its_CRM_user_keeps_the_clients()
    {
        await using var window = await OpenWindowAsync(Boris);
        var clients = await app.InStoreAsync(db => db.Contacts.CountAsync(c => c.ResponsibleUserId == "u-boris"));
        var borisId = await AccountIdAsync(Boris);

        var outcome = await AsAdministratorAsync(accounts => accounts.DeleteAsync(borisId));

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        await window.AssertEndedAtOnceAsync();
        Assert.Equal(0, await app.InStoreAsync(db => db.Users.CountAsync(u => u.Email == Boris)));
        Assert.Equal(clients, await app.InStoreAsync(db => db.Contacts.CountAsync(c => c.ResponsibleUserId == "u-boris")));
    }

    [Fact]
    public async Task Taking_the_administrator_role_ends_that_administrators_open_settings_window_at_once()
    {
        Assert.Equal(SaveStatus.Saved, (await AsAdministratorAsync(accounts =>
            accounts.CreateAsync("second.admin@wazzup.demo", "Second-admin-2026", administrator: true, crmUserId: null))).Status);
        await using var second = await app.CreateScopeSignedInAsAsync("second.admin@wazzup.demo");
        var channels = second.ServiceProvider.GetRequiredService<ChannelService>();
        Assert.NotEmpty(await channels.ListAsync());
        var ended = EndOf(second);
        var secondId = await AccountIdAsync("second.admin@wazzup.demo");

        var outcome = await AsAdministratorAsync(accounts => accounts.SetAdministratorAsync(secondId, false));

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.False((await ended.WaitAsync(TimeSpan.FromSeconds(10))).User.Identity?.IsAuthenticated);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => channels.ListAsync());
    }

    [Fact]
    public async Task The_last_administrator_keeps_the_role_and_nobody_takes_their_own_or_deletes_their_own_account()
    {
        var adminId = await AccountIdAsync(DemoWorkspace.AdminEmail);
        var alone = await AsAdministratorAsync(accounts => accounts.SetAdministratorAsync(adminId, false));
        Assert.Equal("At least one administrator must remain.", Assert.Single(alone.Errors).Message);
        Assert.Equal(SaveStatus.Saved, (await AsAdministratorAsync(accounts =>
            accounts.CreateAsync("second.admin@wazzup.demo", "Second-admin-2026", administrator: true, crmUserId: null))).Status);

        var demotion = await AsAdministratorAsync(accounts => accounts.SetAdministratorAsync(adminId, false));
        var deletion = await AsAdministratorAsync(accounts => accounts.DeleteAsync(adminId));

        Assert.Equal("You cannot take away your own administrator role.", Assert.Single(demotion.Errors).Message);
        Assert.Equal("You cannot delete your own account.", Assert.Single(deletion.Errors).Message);
        await using var admin = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        Assert.NotEmpty(await admin.ServiceProvider.GetRequiredService<ChannelService>().ListAsync());
    }

    [Fact]
    public async Task The_CRM_deleting_the_user_an_account_acts_as_ends_that_accounts_open_window_at_once()
    {
        await using var window = await OpenWindowAsync(Boris);
        using var crm = await ApiClient.CreateAsync(app);

        using var deletion = await crm.DeleteAsync("/v3/users/u-boris");

        Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);
        await window.AssertEndedAtOnceAsync();
        Assert.Null(await app.InStoreAsync(db => db.Users.Where(u => u.Email == Boris).Select(u => u.CrmUserId).SingleAsync()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<string> AccountIdAsync(string email) => app.InStoreAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private async Task<SaveOutcome> AsAdministratorAsync(Func<AccountService, Task<SaveOutcome>> action)
    {
        await using var admin = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        return await action(admin.ServiceProvider.GetRequiredService<AccountService>());
    }

    /// <summary>Completes with the circuit's next authentication state: the signal an open window gets.</summary>
    private static Task<AuthenticationState> EndOf(AsyncServiceScope circuit)
    {
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().AuthenticationStateChanged +=
            async state => changed.TrySetResult(await state);
        return changed.Task;
    }

    private async Task<Window> OpenWindowAsync(string email)
    {
        var scope = await app.CreateScopeSignedInAsAsync(email);
        var conversationId = (await scope.ServiceProvider.GetRequiredService<ChatReadingService>().ListAsync())[0].Id;
        Assert.Equal(SendStatus.Sent, (await scope.ServiceProvider.GetRequiredService<ChatReplyService>().SendAsync(conversationId, "while signed in")).Status);
        return new Window(scope, conversationId, EndOf(scope), app);
    }

    /// <summary>An open chat window: its circuit's services, its open conversation, and the signal of its session's end.</summary>
    private sealed class Window(AsyncServiceScope scope, long conversationId, Task<AuthenticationState> ended, AppFactory app) : IAsyncDisposable
    {
        public ChatReplyService Replies => scope.ServiceProvider.GetRequiredService<ChatReplyService>();

        public long ConversationId => conversationId;

        /// <summary>The window was told at once (before it did anything), and what it sends now is refused and not stored.</summary>
        public async Task AssertEndedAtOnceAsync()
        {
            Assert.False((await ended.WaitAsync(TimeSpan.FromSeconds(10))).User.Identity?.IsAuthenticated);
            const string text = "after the session ended";
            Assert.Equal(SendStatus.Refused, (await Replies.SendAsync(conversationId, text)).Status);
            Assert.Equal(0, await app.InStoreAsync(db => db.Messages.CountAsync(m => m.Text == text)));
        }

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
