using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Components.Pages.Settings.Channels;

/// <summary>
/// The access editor's unsaved edits: every CRM user's role and "receives new clients" switch as edited,
/// compared with what was loaded, so that a save sends only the users that changed.
/// </summary>
public sealed class ChannelAccessDraft
{
    private readonly List<string> order;
    private readonly Dictionary<string, UserAccess> stored;
    private readonly Dictionary<string, UserAccess> edited;

    public ChannelAccessDraft(IReadOnlyList<UserAccess> users)
    {
        order = [.. users.Select(u => u.UserId)];
        stored = users.ToDictionary(u => u.UserId, Normalize, StringComparer.Ordinal);
        edited = new Dictionary<string, UserAccess>(stored, StringComparer.Ordinal);
    }

    /// <summary>Every user, in the order loaded, with their edited access.</summary>
    public IEnumerable<UserAccess> Users => order.Select(id => edited[id]);

    public IReadOnlyList<UserAccess> Changes => [.. Users.Where(IsChanged)];

    public int ChangeCount => order.Count(id => IsChanged(edited[id]));

    public bool IsChanged(UserAccess user) => stored[user.UserId] != edited[user.UserId];

    /// <summary>A user who becomes a sales rep receives new clients unless the administrator turns it off.</summary>
    public void SetRole(string userId, ChannelRole role)
    {
        var current = edited[userId];
        if (current.Role == role)
        {
            return;
        }

        edited[userId] = Normalize(current with { Role = role, ReceivesNewClients = role == ChannelRole.SalesRep });
    }

    public void SetReceivesNewClients(string userId, bool receives) =>
        edited[userId] = Normalize(edited[userId] with { ReceivesNewClients = receives });

    /// <summary>A sales rep's own most unanswered clients; null for the channel's limit.</summary>
    public void SetMaxUnanswered(string userId, int? maxUnanswered) =>
        edited[userId] = Normalize(edited[userId] with { MaxUnanswered = maxUnanswered });

    /// <summary>In turn: a sales rep's share of new clients.</summary>
    public void SetWeight(string userId, int weight) =>
        edited[userId] = Normalize(edited[userId] with { Weight = weight });

    /// <summary>Replaces every user's edited access with another channel's; users missing there get no access.</summary>
    public void CopyFrom(IEnumerable<UserAccess> source)
    {
        var byId = source.ToDictionary(u => u.UserId, StringComparer.Ordinal);
        foreach (var id in order)
        {
            edited[id] = byId.TryGetValue(id, out var other)
                ? Normalize(edited[id] with { Role = other.Role, ReceivesNewClients = other.ReceivesNewClients, MaxUnanswered = other.MaxUnanswered, Weight = other.Weight })
                : edited[id] with { Role = ChannelRole.NoAccess, ReceivesNewClients = false, MaxUnanswered = null, Weight = 1 };
        }
    }

    public void Discard()
    {
        foreach (var id in order)
        {
            edited[id] = stored[id];
        }
    }

    /// <summary>After a successful save the edits are what is stored.</summary>
    public void MarkSaved()
    {
        foreach (var id in order)
        {
            stored[id] = edited[id];
        }
    }

    // The switch, the limit and the weight mean nothing for other roles, and the store keeps them off for them.
    private static UserAccess Normalize(UserAccess user) =>
        user.Role == ChannelRole.SalesRep ? user : user with { ReceivesNewClients = false, MaxUnanswered = null, Weight = 1 };
}
