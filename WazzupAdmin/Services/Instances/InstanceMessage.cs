using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Instances;

/// <summary>What goes between instances, as the JSON payload of one PostgreSQL notification.</summary>
public sealed record InstanceMessage
{
    public const string ChatKind = "chat";
    public const string DealsKind = "deals";
    public const string SessionsEndedKind = "sessions";
    public const string PresenceKind = "presence";
    public const string ApiKeyRevokedKind = "api-key-revoked";
    public const string HeartbeatKind = "heartbeat";
    public const string HelloKind = "hello";
    public const string ByeKind = "bye";

    /// <summary>PostgreSQL refuses a notification payload of 8000 bytes or more; this leaves room.</summary>
    public const int MaxPayloadBytes = 7900;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The sending instance: an instance ignores its own messages, which PostgreSQL also delivers to it.</summary>
    public required Guid From { get; init; }

    public required string Kind { get; init; }

    public ChatEventKind? Event { get; init; }

    public Guid? ChannelId { get; init; }

    public long? ConversationId { get; init; }

    /// <summary>A chat event's concerned users; contact ids of changed deals; user ids of a heartbeat.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }

    /// <summary>The account of ended sessions, the user of a presence change, or the id of a revoked API key.</summary>
    public string? Subject { get; init; }

    public string? Stamp { get; init; }

    public bool? Online { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static InstanceMessage? FromJson(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<InstanceMessage>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Fits() => Encoding.UTF8.GetByteCount(ToJson()) < MaxPayloadBytes;

    /// <summary>
    /// A chat event as one message: when its concerned users do not fit, the event goes without them, which the
    /// receivers read as "may concern anyone" (every window of the channel checks, as before the list existed).
    /// </summary>
    public static InstanceMessage Of(Guid from, ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        var message = new InstanceMessage
        {
            From = from,
            Kind = ChatKind,
            Event = chatEvent.Kind,
            ChannelId = chatEvent.ChannelId,
            ConversationId = chatEvent.ConversationId,
            Ids = chatEvent.Concerns,
        };
        return message.Ids is null || message.Fits() ? message : message with { Ids = null };
    }

    public ChatEvent ToChatEvent() =>
        new(Event ?? ChatEventKind.NewMessage, ChannelId ?? Guid.Empty, ConversationId ?? 0) { Concerns = Ids };

    /// <summary>A list of ids as as many messages of <paramref name="kind"/> as it takes to stay under the size limit.</summary>
    public static IEnumerable<InstanceMessage> Split(Guid from, string kind, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var chunk = new List<string>();
        var bytes = 0;
        // The envelope without ids, plus a quoted, comma-separated id each (escaping can only grow a JSON string, so
        // the estimate counts each id's bytes twice over to stay safe).
        var envelope = Encoding.UTF8.GetByteCount(new InstanceMessage { From = from, Kind = kind, Ids = [] }.ToJson());
        foreach (var id in ids)
        {
            var size = (2 * Encoding.UTF8.GetByteCount(id)) + 3;
            if (chunk.Count > 0 && envelope + bytes + size >= MaxPayloadBytes)
            {
                yield return new InstanceMessage { From = from, Kind = kind, Ids = chunk };
                chunk = [];
                bytes = 0;
            }

            chunk.Add(id);
            bytes += size;
        }

        if (chunk.Count > 0 || kind == HeartbeatKind)
        {
            yield return new InstanceMessage { From = from, Kind = kind, Ids = chunk };
        }
    }
}
