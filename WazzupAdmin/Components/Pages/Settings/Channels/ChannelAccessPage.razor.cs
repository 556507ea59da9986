using Microsoft.AspNetCore.Components;
using MudBlazor;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Components.Pages.Settings.Channels;

public sealed partial class ChannelAccessPage
{
    [Parameter] public Guid ChannelId { get; set; }

    [Inject] private ChannelAccessService ChannelAccessService { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ChannelAccessSheet? sheet;
    private ChannelAccessDraft? draft;
    private long version;
    private bool loading;
    private bool busy;
    private bool conflict;
    private string? saveError;
    private UserFilter filter = UserFilter.All;
    private string? copiedFrom;
    private readonly HashSet<string> selected = new(StringComparer.Ordinal);

    private IReadOnlyList<UserAccess> Visible => [.. draft?.Users.Where(filter.Matches) ?? []];

    // A selection applies only to the rows in view, so a filter never hides who is about to change.
    private IReadOnlyList<UserAccess> SelectedVisible => [.. Visible.Where(u => selected.Contains(u.UserId))];

    protected override async Task OnParametersSetAsync()
    {
        if (sheet?.Channel.Id != ChannelId)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        loading = true;
        try
        {
            sheet = await ChannelAccessService.LoadAsync(ChannelId);
            draft = sheet is null ? null : new ChannelAccessDraft(sheet.Users);
            version = sheet?.Channel.Version ?? 0;
            conflict = false;
            saveError = null;
            copiedFrom = null;
            selected.Clear();
        }
        finally
        {
            loading = false;
        }
    }

    private async Task ReloadAsync()
    {
        sheet = null;
        await LoadAsync();
    }

    // A selection keeps only the users still in view.
    private void FilterChanged(UserFilter value)
    {
        filter = value;
        selected.IntersectWith(Visible.Select(u => u.UserId));
    }

    private void SetRoleForSelected(ChannelRole role)
    {
        foreach (var user in SelectedVisible)
        {
            draft?.SetRole(user.UserId, role);
        }

        selected.Clear();
    }

    private async Task CopyAccessAsync(ChannelHeader source)
    {
        if (busy || draft is null)
        {
            return;
        }

        busy = true;
        try
        {
            draft.CopyFrom(await ChannelAccessService.LoadUsersAsync(source.Id));
            copiedFrom = source.Name;
        }
        finally
        {
            busy = false;
        }
    }

    private void Discard()
    {
        draft?.Discard();
        copiedFrom = null;
        saveError = null;
    }

    private async Task SaveAsync()
    {
        if (busy || draft is null || draft.ChangeCount == 0)
        {
            return;
        }

        busy = true;
        try
        {
            var outcome = await ChannelAccessService.SaveAsync(ChannelId, version, draft.Changes);
            switch (outcome.Status)
            {
                case SaveStatus.Saved:
                    version = outcome.Version;
                    draft.MarkSaved();
                    saveError = null;
                    copiedFrom = null;
                    Snackbar.Add(L["Saved"], Severity.Success);
                    break;
                case SaveStatus.Conflict:
                    conflict = true;
                    break;
                case SaveStatus.NotFound:
                    sheet = null;
                    draft = null;
                    break;
                default:
                    saveError = string.Join(" ", outcome.Errors.Select(e => L[e.Message, e.Arguments].Value));
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }
}
