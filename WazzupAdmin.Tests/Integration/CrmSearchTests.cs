using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Crm;
using WazzupAdmin.Tests.Chat;

namespace WazzupAdmin.Tests.Integration;

/// <summary>
/// The CRM data page's search on the demo workspace: an administrator finds users, contacts and deals whatever the case
/// they type, and the characters LIKE treats as wildcards are searched for as themselves.
/// </summary>
public class CrmSearchTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    private ChatWorkspace workspace = default!;

    public async Task InitializeAsync() => workspace = await ChatWorkspace.StartAsync(Provider);

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    [Fact]
    public async Task Users_are_found_by_name_whatever_the_case_typed()
    {
        var found = await SearchAsync(crm => crm.UsersAsync("bORIS", 0, 50));

        Assert.Equal(["u-boris"], found.Items.Select(u => u.Id));
        Assert.Equal(1, found.Total);
    }

    [Fact]
    public async Task Contacts_are_found_by_a_telegram_username_typed_in_capitals_with_its_underscore()
    {
        // Olga's name has a space where her username has the underscore: only the chat id, matched literally, finds her.
        var found = await SearchAsync(crm => crm.ContactsAsync("OLGA_S", 0, 50));

        Assert.Equal(["c-1003"], found.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Deals_are_found_by_their_name_and_their_contacts_name_whatever_the_case_typed()
    {
        // "Lucía: interior doors" by its own name, "Umberto: dealer agreement" by its contact, Umberto Eco Doors.
        var found = await SearchAsync(crm => crm.DealsAsync("DOORS", 0, 50));

        Assert.Equal(["d-2001", "d-2011"], found.Items.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_percent_sign_is_searched_for_as_itself_not_as_a_wildcard()
    {
        var found = await SearchAsync(crm => crm.ContactsAsync("%", 0, 50));

        Assert.Empty(found.Items);
        Assert.Equal(0, found.Total);
    }

    private Task<T> SearchAsync<T>(Func<CrmDirectoryService, Task<T>> search) => workspace.AsAsync(DemoWorkspace.AdminEmail, search);
}

/// <summary>The same searches on PostgreSQL, whose LIKE minds case where SQLite's does not.</summary>
public sealed class CrmSearchTestsOnPostgres : CrmSearchTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
