using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// A client's message that passed the checks, with its channel, the client's chat type and normalised chat id, and for
/// Telegram the username and phone the client writes with; <see cref="Index"/> is its position in the batch.
/// </summary>
internal sealed record AcceptedMessage(int Index, Channel Channel, string ChatType, string ChatId, string? Username, string? Phone, IncomingMessage Incoming)
{
    public ChatKey Key => new(ChatType, ChatId, Username, Phone);

    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<Channel?>>> ChannelById = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid id, CancellationToken cancellationToken) => db.Channels.AsNoTracking().FirstOrDefault(c => c.Id == id)));

    /// <summary>Refuses messages for a missing or disabled channel and malformed client ids; the rest are accepted, in order.</summary>
    public static async Task<List<AcceptedMessage>> CheckAsync(
        AppDbContext db, IReadOnlyList<IncomingMessage> messages, ReceiveResult[] results, CancellationToken cancellationToken)
    {
        // A batch nearly always names one channel or a few: a compiled lookup each costs less than one query that names them all.
        var channels = new Dictionary<Guid, Channel>();
        var channelById = ChannelById.For(db);
        foreach (var channelId in messages.Select(m => m.ChannelId).Distinct())
        {
            if (await channelById(db, channelId, cancellationToken) is { } found)
            {
                channels[channelId] = found;
            }
        }

        var accepted = new List<AcceptedMessage>(messages.Count);
        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index];
            if (!channels.TryGetValue(message.ChannelId, out var channel))
            {
                results[index] = IncomingMessageService.Invalid("ChannelId", "This channel does not exist.");
                continue;
            }

            if (channel.State == ChannelState.Disabled)
            {
                results[index] = IncomingMessageService.Invalid("ChannelId", "This channel is disabled and receives no messages.");
                continue;
            }

            if (CheckClient(index, channel, message, results) is { } client)
            {
                accepted.Add(client);
            }
        }

        return accepted;
    }

    /// <summary>
    /// The client's identifiers on the channel's messenger. A Telegram client may write with a username and/or a phone
    /// instead of an id; without an id it is known by its username, or else by its phone, as the console's Telegram
    /// clients always were by username.
    /// </summary>
    private static AcceptedMessage? CheckClient(int index, Channel channel, IncomingMessage message, ReceiveResult[] results)
    {
        var chatType = channel.Transport.ClientChatType();
        string? username = null, phone = null;
        if (chatType == Domain.Channels.ChatType.Telegram)
        {
            if (!string.IsNullOrWhiteSpace(message.Username))
            {
                var check = ChannelIdentifier.CheckTelegramUsername(message.Username);
                if (!check.IsValid)
                {
                    results[index] = IncomingMessageService.Invalid("Username", check.Error!);
                    return null;
                }

                username = check.Normalized;
            }

            if (!string.IsNullOrWhiteSpace(message.Phone))
            {
                var check = ChannelIdentifier.CheckPhoneDigits(message.Phone);
                if (!check.IsValid)
                {
                    results[index] = IncomingMessageService.Invalid("Phone", check.Error!);
                    return null;
                }

                phone = check.Normalized;
            }

            if (string.IsNullOrWhiteSpace(message.ClientId) && (username ?? phone) is { } known)
            {
                return new AcceptedMessage(index, channel, chatType.ApiName(), known, username, phone, message);
            }
        }

        var client = ChannelIdentifier.CheckClient(channel.Transport, message.ClientId);
        if (!client.IsValid)
        {
            results[index] = IncomingMessageService.Invalid("ClientId", client.Error!);
            return null;
        }

        return new AcceptedMessage(index, channel, chatType.ApiName(), client.Normalized, username, phone, message);
    }
}
