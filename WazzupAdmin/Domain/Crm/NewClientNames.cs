namespace WazzupAdmin.Domain.Crm;

/// <summary>The names a new client's contact and deal are created with.</summary>
public static class NewClientNames
{
    /// <summary>What the client calls themselves, or while they give no name, the chat id they write from.</summary>
    public static string Contact(string? clientName, string chatId) =>
        string.IsNullOrWhiteSpace(clientName) ? chatId : clientName.Trim();

    /// <summary>The contact's name and the channel's, within the API's limit for a deal's name.</summary>
    public static string Deal(string contactName, string channelName) =>
        FieldRules.Truncate($"{contactName}: {channelName}", FieldLimits.DealName);
}
