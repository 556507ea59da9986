using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Api;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Integration;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// POST /iframe and the link it returns: it signs the browser in as the CRM user without a password, scope card shows
/// only that contact, and a link works once, for 24 hours, and only as it was issued.
/// </summary>
public sealed class IframeTests : IAsyncLifetime
{
    // Lucía Fernández (c-1001) writes on WhatsApp and is Boris's client; Anna manages Sales WhatsApp and Sales Telegram.
    private const string LuciaPhone = "34600111222";

    private readonly MovableClock clock = new();
    private readonly AppFactory app;
    private HttpClient api = default!;

    public IframeTests() => app = new AppFactory { TestServices = services => services.AddSingleton<TimeProvider>(clock) };

    public async Task InitializeAsync() => api = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"scope": "global"}""", "user" },
        { """{"user": {"name": "Boris Ivanov"}, "scope": "global"}""", "user.id" },
        { $$"""{"user": {"id": "{{new string('x', 201)}}", "name": "Boris Ivanov"}, "scope": "global"}""", "user.id" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "everything"}""", "scope" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}}""", "scope" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "card"}""", "filter" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "card", "filter": []}""", "filter" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "card", "filter": [{"chatType": "tgapi", "chatId": "olga_smirnova"}]}""", "filter[0].chatType" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "card", "filter": [{"chatType": "fax", "chatId": "1"}]}""", "filter[0].chatType" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "card", "filter": [{"chatType": "telegram"}]}""", "filter[0].chatId" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "card", "filter": [{"chatType": "whatsapp", "chatId": "not a phone"}]}""", "filter[0].chatId" },
        { """{"user": {"id": "u-boris", "name": "Boris Ivanov"}, "scope": "global", "activeChat": {"chatType": "whatsapp"}}""", "activeChat.chatId" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_request_is_400_naming_the_field(string body, string field)
    {
        using var response = await api.PostAsync("/v3/iframe", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_ERROR", await response.ErrorCodeAsync());
        var fields = (await response.JsonAsync()).GetProperty("data").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains(field, fields);
    }

    [Fact]
    public async Task Malformed_json_is_400_invalid_request()
    {
        using var response = await api.PostAsync("/v3/iframe", new StringContent("{\"user\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task The_link_signs_the_browser_in_as_the_user_and_opens_their_chat_window()
    {
        var url = await LinkAsync(new { user = new { id = "u-boris", name = "Boris Ivanov" }, scope = "global" });
        Assert.StartsWith("http://localhost/chat-link/", url, StringComparison.Ordinal);
        using var browser = app.CreateCookieClient();

        using var opened = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/chat", opened.Headers.Location?.OriginalString);
        var names = await ConversationNamesAsync(browser, "/chat");
        Assert.Equal(["Lucía Fernández", "Pedro Alves", "Valeria Gómez"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scope_card_shows_only_that_contacts_conversations_and_opens_the_active_chat()
    {
        var url = await LinkAsync(new
        {
            user = new { id = "u-anna", name = "Anna Petrova" },
            scope = "card",
            filter = new[] { new { chatType = "whatsapp", chatId = "+" + LuciaPhone } },
            activeChat = new { chatType = "whatsapp", chatId = LuciaPhone },
        });
        using var browser = app.CreateCookieClient();

        using var opened = await browser.GetAsync(url);

        var lucia = await ConversationOfAsync("c-1001");
        Assert.Equal($"/chat/{lucia}", opened.Headers.Location?.OriginalString);
        Assert.Equal(["Lucía Fernández"], await ConversationNamesAsync(browser, "/chat"));
        // Anna manages Sales WhatsApp, so without the card she would see Umberto, her own client, as well.
        var umberto = await ConversationOfAsync("c-1009");
        using var other = await browser.GetAsync($"/chat/{umberto}");
        var page = await other.Content.ReadAsStringAsync();
        Assert.Contains("This conversation is not available to you.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Umberto Eco Doors", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chatId")]
    [InlineData("username")]
    public async Task Scope_card_of_a_telegram_chat_shows_that_contact(string by)
    {
        // Olga Smirnova (c-1003) writes on Sales Telegram, a Telegram account channel ("tgapi"); her chat is a telegram chat.
        var chat = by == "chatId"
            ? (object)new { chatType = "telegram", chatId = "olga_smirnova" }
            : new { chatType = "telegram", username = "@olga_smirnova" };
        var url = await LinkAsync(new { user = new { id = "u-anna" }, scope = "card", filter = new[] { chat }, activeChat = new { chatType = "telegram", chatId = "olga_smirnova" } });
        using var browser = app.CreateCookieClient();

        using var opened = await browser.GetAsync(url);

        Assert.Equal($"/chat/{await ConversationOfAsync("c-1003")}", opened.Headers.Location?.OriginalString);
        Assert.Equal(["Olga Smirnova"], await ConversationNamesAsync(browser, "/chat"));
    }

    [Fact]
    public async Task A_user_without_a_name_is_created_under_its_id()
    {
        await LinkAsync(new { user = new { id = "u-new-without-name" }, scope = "global" });

        var name = await app.InStoreAsync(db => db.CrmUsers.Where(u => u.Id == "u-new-without-name").Select(u => u.Name).SingleAsync());
        Assert.Equal("u-new-without-name", name);
    }

    [Fact]
    public async Task Scope_card_is_enforced_by_the_chat_use_cases_whatever_the_role_would_show()
    {
        var lucia = await ConversationOfAsync("c-1001");
        var umberto = await ConversationOfAsync("c-1009");

        await using (var global = await ChatScopeAsync("anna@wazzup.demo", ChatScope.Global, []))
        {
            var chat = global.ServiceProvider.GetRequiredService<ChatReadingService>();
            Assert.Contains((await chat.ListAsync()), c => c.Id == umberto);
            Assert.NotNull(await chat.OpenAsync(umberto));
        }

        await using var card = await ChatScopeAsync("anna@wazzup.demo", ChatScope.Card, [new ChatRef("whatsapp", LuciaPhone)]);
        var scoped = card.ServiceProvider.GetRequiredService<ChatReadingService>();
        var replies = card.ServiceProvider.GetRequiredService<ChatReplyService>();
        Assert.Equal([lucia], (await scoped.ListAsync()).Select(c => c.Id));
        Assert.NotNull(await scoped.OpenAsync(lucia));
        Assert.Null(await scoped.OpenAsync(umberto));
        Assert.Empty(await scoped.DealsAsync(umberto));
        Assert.Equal(SendStatus.Refused, (await replies.SendAsync(umberto, "Hello from outside the card")).Status);
        Assert.Equal(SendStatus.Sent, (await replies.SendAsync(lucia, "Hello Lucía")).Status);
        Assert.Equal(0, await scoped.UnansweredCountAsync());
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var url = await LinkAsync(new { user = new { id = "u-boris", name = "Boris Ivanov" }, scope = "global" });
        using (var first = app.CreateCookieClient())
        using (var response = await first.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using var second = app.CreateCookieClient();
        using var again = await second.GetAsync(url);

        await AssertRefusedAsync(again);
        using var chat = await second.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.Redirect, chat.StatusCode);
        Assert.Contains("/Account/Login", chat.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_works_for_24_hours_and_no_longer()
    {
        var fresh = await LinkAsync(new { user = new { id = "u-boris", name = "Boris Ivanov" }, scope = "global" });
        var stale = await LinkAsync(new { user = new { id = "u-boris", name = "Boris Ivanov" }, scope = "global" });
        using var browser = app.CreateCookieClient();

        clock.Advance(TimeSpan.FromHours(23.9));
        using (var inTime = await browser.GetAsync(fresh))
        {
            Assert.Equal(HttpStatusCode.Redirect, inTime.StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(0.2));
        using var late = await app.CreateCookieClient().GetAsync(stale);

        await AssertRefusedAsync(late);
    }

    [Fact]
    public async Task A_tampered_link_is_refused_and_leaves_the_real_one_usable()
    {
        var url = await LinkAsync(new { user = new { id = "u-boris", name = "Boris Ivanov" }, scope = "global" });
        var tampered = url[..^1] + (url[^1] == 'A' ? 'B' : 'A');

        using (var refused = await app.CreateCookieClient().GetAsync(tampered))
        {
            await AssertRefusedAsync(refused);
        }

        using var unknown = await app.CreateCookieClient().GetAsync("/chat-link/not-a-token");
        await AssertRefusedAsync(unknown);
        using var real = await app.CreateCookieClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
    }

    [Fact]
    public async Task The_refusal_page_speaks_the_browsers_language()
    {
        using var browser = app.CreateCookieClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        using var response = await browser.GetAsync("/chat-link/not-a-token");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Este enlace ya no es válido", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_crm_user_is_created_with_an_account_of_their_own()
    {
        var url = await LinkAsync(new { user = new { id = "crm:42/ivan", name = "Iván Torres" }, scope = "global" });
        using var browser = app.CreateCookieClient();

        using var opened = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        using var chat = await browser.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal("Iván Torres", (await db.CrmUsers.SingleAsync(u => u.Id == "crm:42/ivan")).Name);
        var account = await db.Users.SingleAsync(u => u.CrmUserId == "crm:42/ivan");
        Assert.EndsWith("@crm-users.invalid", account.Email, StringComparison.Ordinal);
        Assert.Null(account.PasswordHash);
    }

    [Fact]
    public async Task A_link_session_never_carries_the_administrator_role()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            await db.Users.Where(u => u.Email == "greta@wazzup.demo").ExecuteUpdateAsync(s => s.SetProperty(u => u.CrmUserId, (string?)null));
            await db.Users.Where(u => u.Email == DemoWorkspace.AdminEmail).ExecuteUpdateAsync(s => s.SetProperty(u => u.CrmUserId, "u-greta"));
        }

        var url = await LinkAsync(new { user = new { id = "u-greta", name = "Greta Hansen" }, scope = "global" });
        using var browser = app.CreateCookieClient();
        using (var opened = await browser.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        using var chat = await browser.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        using var settings = await browser.GetAsync("/settings/api-keys");
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
    }

    [Fact]
    public async Task The_periodic_refresh_of_the_sign_in_keeps_a_link_session_narrowed()
    {
        var filter = new[] { new ChatRef("whatsapp", LuciaPhone) };
        await using var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var account = (await provider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(DemoWorkspace.AdminEmail))!;
        var factory = provider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>();
        var linkSession = ChatLinkSessions.Narrow(await factory.CreateAsync(account), ChatScope.Card, filter, ClaimTypes.Role);
        var rebuilt = await factory.CreateAsync(account);
        Assert.True(rebuilt.IsInRole(Roles.Administrator));
        var refreshing = new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = linkSession, NewPrincipal = rebuilt };

        await provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value.OnRefreshingPrincipal!(refreshing);

        Assert.False(refreshing.NewPrincipal!.IsInRole(Roles.Administrator));
        Assert.Equal(filter, ChatScope.CardFilter(refreshing.NewPrincipal));
    }

    [Fact]
    public async Task Pages_may_be_framed_by_the_console_itself_by_default()
    {
        using var response = await app.CreateClient().GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("frame-ancestors 'self'", SecurityHeadersTests.Directive(response, "frame-ancestors"));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task Configured_crm_origins_may_frame_the_chat_and_its_cookie_is_sent_across_sites()
    {
        await using var embedded = new AppFactory { Settings = new Dictionary<string, string?> { ["Iframe:FrameAncestors:0"] = "https://crm.example.com" } };
        using var key = await ApiClient.CreateAsync(embedded);
        using var created = await key.PostAsJsonAsync("/v3/iframe", new { user = new { id = "u-boris", name = "Boris Ivanov" }, scope = "global" });
        var url = (await created.JsonAsync()).GetProperty("url").GetString()!;

        using var opened = await embedded.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(url);

        Assert.Equal("frame-ancestors 'self' https://crm.example.com", SecurityHeadersTests.Directive(opened, "frame-ancestors"));
        Assert.False(opened.Headers.Contains("X-Frame-Options"));
        var cookie = opened.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> LinkAsync(object body)
    {
        using var response = await api.PostAsJsonAsync("/v3/iframe", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("url").GetString()!;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link is no longer valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private static async Task<List<string>> ConversationNamesAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return [.. document.QuerySelectorAll(".conversation-name").Select(e => e.TextContent.Trim())];
    }

    private async Task<long> ConversationOfAsync(string contactId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Conversations.Where(c => c.ContactId == contactId).Select(c => c.Id).SingleAsync();
    }

    /// <summary>A scope signed in as the account the way a chat link signs it in.</summary>
    private async Task<AsyncServiceScope> ChatScopeAsync(string email, string scopeName, IReadOnlyList<ChatRef> filter)
    {
        var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var account = await provider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        var principal = await provider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(account!);
        ChatLinkSessions.Narrow(principal, scopeName, filter, ClaimTypes.Role);
        ((IHostEnvironmentAuthenticationStateProvider)provider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }
}

/// <summary>The system clock, moved forward by a test.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan offset;

    public void Advance(TimeSpan by) => offset += by;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
