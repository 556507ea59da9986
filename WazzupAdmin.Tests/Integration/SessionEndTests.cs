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
/// An open chat window (a circuit: a service scope signed in as the account, as Blazor keeps one per window) loses its
/// authority the moment the account's sessions end: it becomes anonymous at once, and the server refuses what it sends.
/// </summary>
public sealed class SessionEndTests : IAsyncLifetime
{
    private const string Boris = "boris@wazzup.demo";
    private readonly AppFactory app = new();

    [Fact]
    public async Task Signing_out_in_another_browser_ends_the_open_window_and_refuses_its_messages()
    {
        await using var window = await OpenWindowAsync(Boris);
        using var otherBrowser = await app.SignInAsync(Boris, DemoWorkspace.UserPassword);
        using var thirdBrowser = await app.SignInAsync(Boris, DemoWorkspace.UserPassword);

        using (var signOut = await PageForms.PostAsync(otherBrowser, "/chat", "Account/Logout"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        await window.AssertEndedAsync(app, "after signing out elsewhere");
        using var page = await thirdBrowser.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/Login", new Uri(thirdBrowser.BaseAddress!, page.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_lockout_ends_the_open_window()
    {
        await using var window = await OpenWindowAsync(Boris);
        using var guesser = app.CreateCookieClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await AppFactory.SubmitLoginFormAsync(guesser, Boris, "wrong-password");
        }

        await window.AssertEndedAsync(app, "after the lockout");
    }

    [Fact]
    public async Task Unlinking_the_account_from_its_CRM_user_ends_the_open_window()
    {
        await using var window = await OpenWindowAsync(Boris);
        await using (var admin = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail))
        {
            var accountId = (await admin.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(Boris))!.Id;
            Assert.Equal(SaveStatus.Saved, (await admin.ServiceProvider.GetRequiredService<AccountService>().LinkAsync(accountId, null)).Status);
        }

        await window.AssertEndedAsync(app, "after unlinking");
    }

    [Fact]
    public async Task A_changed_password_ends_the_open_window()
    {
        await using var window = await OpenWindowAsync(Boris);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var account = (await users.FindByEmailAsync(Boris))!;
            Assert.True((await users.ChangePasswordAsync(account, DemoWorkspace.UserPassword, "Another-pass-2026")).Succeeded);
        }

        await window.AssertEndedAsync(app, "after the password change");
    }

    [Fact]
    public async Task A_deleted_account_ends_the_open_window()
    {
        await using var window = await OpenWindowAsync(Boris);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByEmailAsync(Boris))!)).Succeeded);
        }

        await window.AssertEndedAsync(app, "after the deletion");
    }

    [Fact]
    public async Task Losing_the_administrator_role_ends_an_open_settings_window()
    {
        await using var window = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var channels = window.ServiceProvider.GetRequiredService<ChannelService>();
        Assert.NotEmpty(await channels.ListAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByEmailAsync(DemoWorkspace.AdminEmail))!, Roles.Administrator)).Succeeded);
        }

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => channels.ListAsync());
        var state = await window.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        Assert.False(state.User.Identity?.IsAuthenticated);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<ChatWindow> OpenWindowAsync(string email)
    {
        var scope = await app.CreateScopeSignedInAsAsync(email);
        var window = new ChatWindow(scope);
        await window.AssertWritesAsync();
        return window;
    }

    /// <summary>One open chat window: its circuit's services, and the conversation it has open.</summary>
    private sealed class ChatWindow(AsyncServiceScope scope) : IAsyncDisposable
    {
        private long conversationId;

        private ChatReadingService Chat => scope.ServiceProvider.GetRequiredService<ChatReadingService>();

        private ChatReplyService Replies => scope.ServiceProvider.GetRequiredService<ChatReplyService>();

        public async Task AssertWritesAsync()
        {
            conversationId = (await Chat.ListAsync())[0].Id;
            Assert.Equal(SendStatus.Sent, (await Replies.SendAsync(conversationId, "while signed in")).Status);
        }

        /// <summary>The window is anonymous at once, reads nothing and writes nothing.</summary>
        public async Task AssertEndedAsync(AppFactory app, string text)
        {
            var result = await Replies.SendAsync(conversationId, text);

            Assert.Equal(SendStatus.Refused, result.Status);
            var state = await scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
            Assert.False(state.User.Identity?.IsAuthenticated);
            Assert.Empty(await Chat.ListAsync());
            Assert.Null(await Chat.OpenAsync(conversationId));
            Assert.Equal(0, await app.InStoreAsync(db => db.Messages.CountAsync(m => m.Text == text)));
        }

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}

/// <summary>The circuit hears of an ended session at once, without any action of its own.</summary>
public sealed class SessionEndSignalTests : IAsyncLifetime
{
    private readonly AppFactory app = new();

    [Fact]
    public async Task A_window_of_the_account_becomes_anonymous_the_moment_its_sessions_end_and_other_accounts_stay()
    {
        await using var boris = await app.CreateScopeSignedInAsAsync("boris@wazzup.demo");
        await using var carmen = await app.CreateScopeSignedInAsAsync("carmen@wazzup.demo");
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        boris.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().AuthenticationStateChanged += async state => changed.TrySetResult(await state);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await scope.ServiceProvider.GetRequiredService<AccountSessions>().EndAllAsync((await users.FindByEmailAsync("boris@wazzup.demo"))!);
        }

        var ended = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(ended.User.Identity?.IsAuthenticated);
        var other = await carmen.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        Assert.True(other.User.Identity?.IsAuthenticated);
        Assert.NotEmpty(await carmen.ServiceProvider.GetRequiredService<ChatReadingService>().ListAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();
}
