using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>The CRM pushes its users: upserts by id, lists, deletion and what deleting a user does to its clients.</summary>
public sealed class CrmUsersApiTests : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient client = default!;

    public async Task InitializeAsync() => client = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task An_upsert_creates_then_updates_and_sending_it_twice_leaves_the_same_state()
    {
        await client.PostOkAsync("/v3/users", new[] { new { id = "u-new", name = "Nadia New", phone = "+34699000001" } });
        var created = await client.GetJsonAsync("/v3/users/u-new");
        Assert.Equal("Nadia New", created.Str("name"));
        Assert.Equal("+34699000001", created.Str("phone"));

        var update = new[] { new { id = "u-new", name = "Nadia Renamed" } };
        await client.PostOkAsync("/v3/users", update);
        await client.PostOkAsync("/v3/users", update);

        var updated = await client.GetJsonAsync("/v3/users/u-new");
        Assert.Equal("Nadia Renamed", updated.Str("name"));
        Assert.Null(updated.Str("phone"));
        Assert.Equal(1, await app.InStoreAsync(db => db.CrmUsers.CountAsync(u => u.Id == "u-new")));
        Assert.Equal(DemoWorkspace.Users.Length + 1, await app.InStoreAsync(db => db.CrmUsers.CountAsync()));
    }

    [Fact]
    public async Task The_list_is_every_user_in_one_array_sorted_by_name()
    {
        for (var batch = 0; batch < 2; batch++)
        {
            await client.PostOkAsync("/v3/users", Enumerable.Range(batch * 75, 75)
                .Select(i => new { id = $"bulk-{i:D3}", name = $"Bulk user {(149 - i):D3}" }).ToArray());
        }

        var list = await client.GetJsonAsync("/v3/users");

        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        var items = list.EnumerateArray().ToList();
        Assert.Equal(158, items.Count);
        var names = items.Select(u => u.Str("name")!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(158, items.Select(u => u.Str("id")).Distinct().Count());
        Assert.Equal("Anna Petrova", names[0]);
        Assert.Equal(["Anna Petrova", "Boris Ivanov", "Bulk user 000", "Bulk user 001"], names.Take(4));
        Assert.Equal("bulk-149", items[2].Str("id"));
    }

    [Fact]
    public async Task An_unknown_id_is_404_naming_it()
    {
        using var response = await client.GetAsync("/v3/users/u-nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
        Assert.Contains("u-nobody", await response.DescriptionAsync(), StringComparison.Ordinal);
        using var deletion = await client.DeleteAsync("/v3/users/u-nobody");
        Assert.Equal(HttpStatusCode.NotFound, deletion.StatusCode);
    }

    [Fact]
    public async Task A_write_of_101_users_is_refused_and_stores_none()
    {
        using var response = await client.PostJsonAsync("/v3/users",
            Enumerable.Range(0, 101).Select(i => new { id = $"many-{i}", name = $"Many {i}" }).ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TOO_MANY_ENTITIES", await response.ErrorCodeAsync());
        Assert.Equal(0, await app.InStoreAsync(db => db.CrmUsers.CountAsync(u => u.Id.StartsWith("many-"))));
    }

    [Fact]
    public async Task One_invalid_user_among_many_is_named_by_index_and_fields_and_nothing_is_stored()
    {
        using var response = await client.PostJsonAsync("/v3/users", new object[]
        {
            new { id = "ok-1", name = "Fine One" },
            new { id = "ok-2", name = "Fine Two" },
            new { id = "bad-3", name = "", phone = new string('9', 31) },
            new { id = "ok-4", name = "Fine Four" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_USERS_DATA", await response.ErrorCodeAsync());
        var error = Assert.Single(await response.ErrorDataAsync());
        Assert.Equal(2, error.GetProperty("index").GetInt32());
        Assert.Equal("bad-3", error.Str("id"));
        // The documented shape names the fields; the messages are this console's addition.
        Assert.Equal(["name", "phone"], error.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).Order(StringComparer.Ordinal));
        var descriptions = error.GetProperty("descriptions");
        Assert.Equal("This field is required.", descriptions.Str("name"));
        Assert.Equal("At most 30 characters.", descriptions.Str("phone"));
        Assert.Equal(0, await app.InStoreAsync(db => db.CrmUsers.CountAsync(u => u.Id.StartsWith("ok-") || u.Id == "bad-3")));
    }

    [Fact]
    public async Task The_same_id_twice_in_one_request_is_a_validation_error()
    {
        using var response = await client.PostJsonAsync("/v3/users", new[]
        {
            new { id = "twice", name = "First" },
            new { id = "twice", name = "Second" },
        });

        Assert.Equal("INVALID_USERS_DATA", await response.ErrorCodeAsync());
        var error = Assert.Single(await response.ErrorDataAsync());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Contains("twice", error.GetProperty("descriptions").Str("id"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/users/twice"));
    }

    [Fact]
    public async Task Deleting_a_user_leaves_their_clients_unassigned_and_their_account_unlinked()
    {
        using var response = await client.DeleteAsync("/v3/users/u-boris");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/users/u-boris"));
        var lucia = await client.GetJsonAsync("/v3/contacts/c-1001");
        Assert.Null(lucia.Str("responsibleUserId"));

        await using (var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail))
        {
            var unassigned = await scope.ServiceProvider.GetRequiredService<AssignmentService>().UnassignedAsync();
            Assert.Contains(unassigned, c => c.ContactId == "c-1001");
            Assert.Contains(unassigned, c => c.ContactId == "c-1004");
            Assert.DoesNotContain(unassigned, c => c.ContactId == "c-1002");
            var boris = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("boris@wazzup.demo");
            Assert.NotNull(boris);
            Assert.Null(boris.CrmUserId);
        }

        Assert.Equal(0, await app.InStoreAsync(db => db.ChannelAccess.CountAsync(a => a.CrmUserId == "u-boris")));
        Assert.Equal(0, await app.InStoreAsync(db => db.Deals.CountAsync(d => d.ResponsibleUserId == "u-boris")));
    }

    [Fact]
    public async Task Bulk_delete_removes_the_known_ids_and_lists_the_unknown()
    {
        await client.PostOkAsync("/v3/users", new[] { new { id = "x-1", name = "X one" }, new { id = "x-2", name = "X two" } });

        using var response = await client.PatchJsonAsync("/v3/users/bulk_delete", new[] { "x-1", "x-2", "x-unknown" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The answer is the array of ids that were not found.
        var body = await response.JsonAsync();
        Assert.Equal(["x-unknown"], body.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/users/x-1"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/users/x-2"));
    }

    [Fact]
    public async Task Bulk_delete_of_101_ids_is_refused_and_deletes_none()
    {
        using var response = await client.PatchJsonAsync("/v3/users/bulk_delete",
            Enumerable.Range(0, 100).Select(i => $"nobody-{i}").Append("u-boris").ToArray());

        Assert.Equal("TOO_MANY_ENTITIES", await response.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, await client.StatusOfGetAsync("/v3/users/u-boris"));
    }

    [Fact]
    public async Task The_unanswered_counter_counts_a_reps_own_clients_and_every_client_of_a_managers_channels()
    {
        var boris = await client.GetJsonAsync("/v3/unanswered/u-boris");
        var greta = await client.GetJsonAsync("/v3/unanswered/u-greta");
        var elena = await client.GetJsonAsync("/v3/unanswered/u-elena");
        Assert.Equal("red", boris.Str("type"));
        Assert.Equal("grey", elena.Str("type"));
        Assert.Equal(["counterV2", "type", "lastMsgDateTime"], boris.EnumerateObject().Select(p => p.Name));

        // Pedro Alves (Boris's client on the Store Instagram, where Greta is manager) writes again.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(DemoWorkspace.Channels[2].Id, "pedro.alves", null, "Any news about my order?"));
            Assert.Empty(received.Errors);
        }

        Assert.Equal(boris.GetProperty("counterV2").GetInt32() + 1, (await client.GetJsonAsync("/v3/unanswered/u-boris")).GetProperty("counterV2").GetInt32());
        Assert.Equal(greta.GetProperty("counterV2").GetInt32() + 1, (await client.GetJsonAsync("/v3/unanswered/u-greta")).GetProperty("counterV2").GetInt32());
        var carmen = await client.GetJsonAsync("/v3/unanswered/u-carmen");
        Assert.Equal(
            await app.InStoreAsync(db => db.Conversations.CountAsync(c => c.Unanswered && c.Contact!.ResponsibleUserId == "u-carmen")),
            carmen.GetProperty("counterV2").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/unanswered/u-nobody"));
        // The latest of Boris's waiting clients is Pedro, who just wrote.
        var pedroWrote = await app.InStoreAsync(db => db.Conversations.Where(c => c.ContactId == "c-1004").Select(c => c.LastActivityAtUtc).SingleAsync());
        var last = (await client.GetJsonAsync("/v3/unanswered/u-boris")).GetProperty("lastMsgDateTime").GetDateTime();
        Assert.Equal(DateTime.SpecifyKind(pedroWrote, DateTimeKind.Utc), last.ToUniversalTime());
    }

    [Fact]
    public async Task A_user_nobody_waits_for_has_a_zero_counter_without_a_last_message()
    {
        await client.PostOkAsync("/v3/users", new[] { new { id = "u-idle", name = "Idle User" } });

        var idle = await client.GetJsonAsync("/v3/unanswered/u-idle");

        Assert.Equal(0, idle.GetProperty("counterV2").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, idle.GetProperty("lastMsgDateTime").ValueKind);
    }
}
