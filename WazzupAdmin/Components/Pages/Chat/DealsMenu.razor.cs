using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using WazzupAdmin.Components.Shared;
using WazzupAdmin.Domain.Security;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Components.Pages.Chat;

public sealed partial class DealsMenu : IDisposable
{
    [Parameter, EditorRequired] public long ConversationId { get; set; }

    [Parameter, EditorRequired] public string ContactId { get; set; } = "";

    [Parameter, EditorRequired] public string UserId { get; set; } = "";

    /// <summary>Changes when the conversation was reloaded: a claim may have given this user the new client's deal.</summary>
    [Parameter] public int Revision { get; set; }

    [Inject] private ChatReadingService Chat { get; set; } = default!;

    [Inject] private ChatNotifier Notifier { get; set; } = default!;

    [Inject] private IOptions<CrmLinkOptions> CrmLinkOptions { get; set; } = default!;

    private const string ItemIconClass = SvgIcon.Medium + " mud-menu-item-icon";

    private IReadOnlyList<DealLink>? deals;
    private string? createDealUrl;
    private string? contactUrl;
    private (long, int)? loadedFor;
    private int loads;
    private IDisposable? subscription;
    private bool open;
    private ElementReference button;
    // The entries that can take the focus, in their order in the list: the first `entries` of them are the shown list's.
    private readonly List<ElementReference> items = [];
    private int entries;
    private int listVersion;
    private int focused = -1;
    private bool focusFirst;

    private string ListId => $"deals-menu-{ConversationId}";

    // A deal created or changed with this contact, in the demo CRM's tab or by the CRM's API, shows without a reload.
    protected override void OnInitialized() =>
        subscription = Notifier.SubscribeDeals(changed => !changed.ContactIds.Contains(ContactId) ? Task.CompletedTask : InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        }));

    protected override async Task OnParametersSetAsync()
    {
        // Links only to http, https or the console's own pages, whatever was stored or configured.
        createDealUrl = WebAddress.SafeHref(CrmLinks.CreateDealUrl(CrmLinkOptions.Value.CreateDealUrlTemplate, ContactId, UserId));
        if (loadedFor != (ConversationId, Revision))
        {
            loadedFor = (ConversationId, Revision);
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        // Only the newest load may replace what is shown: events and a new conversation can overtake each other.
        var load = ++loads;
        var conversationId = ConversationId;
        var loadedDeals = await Chat.DealsAsync(conversationId);
        // The CRM's own address for the contact; without one, the configured template, as for the contact of a new client.
        var contact = await Chat.ContactAsync(conversationId);
        if (load != loads)
        {
            return;
        }

        deals = loadedDeals;
        listVersion++;
        contactUrl = contact is null ? null
            : WebAddress.SafeHref(contact.Uri ?? CrmLinks.RecordUrl(CrmLinkOptions.Value.ContactUrlTemplate, "{contactId}", contact.Id));
    }


    private async Task ToggleAsync()
    {
        if (open)
        {
            await CloseAsync(focusButton: false);
            return;
        }

        open = true;
        listVersion++;
        focused = -1;
        focusFirst = true;
    }

    private async Task CloseAsync(bool focusButton)
    {
        open = false;
        focused = -1;
        if (focusButton)
        {
            await button.FocusAsync();
        }
    }

    // The menu's keys: the arrows, Home and End move between the entries, Escape closes and gives the focus back.
    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (!open)
        {
            return;
        }

        switch (e.Key)
        {
            case "Escape":
                await CloseAsync(focusButton: true);
                return;
            case "Tab":
                await CloseAsync(focusButton: false);
                return;
        }

        var next = e.Key switch
        {
            "ArrowDown" => focused + 1 < entries ? focused + 1 : 0,
            "ArrowUp" => focused > 0 ? focused - 1 : entries - 1,
            "Home" => 0,
            "End" => entries - 1,
            _ => -1,
        };
        if (next >= 0 && next < entries)
        {
            focused = next;
            await items[next].FocusAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Opening puts the focus on the first entry, as a menu does, so the keys work at once.
        if (open && focusFirst && entries > 0)
        {
            focusFirst = false;
            focused = 0;
            await items[0].FocusAsync();
        }
    }

    public void Dispose() => subscription?.Dispose();
}
