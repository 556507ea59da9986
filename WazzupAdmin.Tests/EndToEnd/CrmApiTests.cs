using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WazzupAdmin.Tests.Api;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>What the CRM pushes through the API shows in open chat windows at once.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class CrmApiTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task A_contact_reassigned_through_the_API_leaves_one_reps_open_chat_window_and_appears_in_the_others() => RunAsync(async sessions =>
    {
        var key = await Fixture.CreateApiKeyAsync("E2E CRM");
        if (key is null)
        {
            Output.WriteLine("Skipped: API keys can only be made for the in-process console.");
            return;
        }

        using var crm = new HttpClient { BaseAddress = Fixture.BaseUrl };
        crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // A new client writes to the Sales Telegram; then the CRM makes Boris responsible for them.
        var admin = await sessions.OpenAsync("admin", signedInAsAdministrator: true);
        var simulator = await new SimulatorPage(admin).GotoAsync();
        var clientName = $"Api client {Guid.NewGuid():N}"[..22];
        var username = $"e2e_{Guid.NewGuid():N}"[..20];
        await simulator.SendNewClientAsync("Sales Telegram", username, clientName, "Hello, is the shop open on Sunday?");
        var contact = await FindContactAsync(crm, clientName);
        await PushResponsibleAsync(crm, contact, "u-boris");

        var boris = await ChatPage.SignInAsync(await sessions.OpenAsync("boris"), "boris@wazzup.demo");
        var carmen = await ChatPage.SignInAsync(await sessions.OpenAsync("carmen"), "carmen@wazzup.demo");
        await Expect(boris.ConversationOf(clientName)).ToHaveCountAsync(1);
        await Expect(carmen.ConversationOf(clientName)).ToHaveCountAsync(0);

        await PushResponsibleAsync(crm, contact, "u-carmen");

        // Neither window is reloaded: the list of each follows the CRM.
        await Expect(boris.ConversationOf(clientName)).ToHaveCountAsync(0);
        await Expect(carmen.ConversationOf(clientName)).ToHaveCountAsync(1);
        await carmen.OpenAsync(clientName);
        await Expect(carmen.History).ToContainTextAsync("Hello, is the shop open on Sunday?");
    });

    private static async Task<JsonElement> FindContactAsync(HttpClient crm, string name)
    {
        for (var offset = 0; ; offset += 100)
        {
            var page = (await crm.GetFromJsonAsync<JsonElement>($"v3/contacts?offset={offset}")).GetProperty("data").EnumerateArray().ToList();
            if (page.FirstOrDefault(c => c.Str("name") == name) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(page.Count == 100, $"The CRM API does not list the contact {name}.");
        }
    }

    private static async Task PushResponsibleAsync(HttpClient crm, JsonElement contact, string responsibleUserId)
    {
        using var response = await crm.PostAsJsonAsync("v3/contacts", new[]
        {
            new
            {
                id = contact.Str("id"),
                responsibleUserId,
                name = contact.Str("name"),
                contactData = contact.GetProperty("contactData"),
            },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
