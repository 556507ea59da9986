using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Services.Chat;

/// <summary>An <see cref="OfferEnd"/> applied to conversations: a tracked one, or many by statements on the store.</summary>
internal static class OfferEnding
{
    /// <summary>Ends the offer of a conversation tracked with its offers; saved with the rest of the change.</summary>
    public static void Apply(Conversation conversation, OfferEndCause cause)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var end = OfferEnd.When(cause);
        if (end.Offers)
        {
            conversation.Offers.Clear();
        }

        if (end.Timeout)
        {
            conversation.OfferDueAtUtc = null;
            conversation.OfferTimedOutAtUtc = null;
        }

        if (end.Queue)
        {
            conversation.QueuedAtUtc = null;
        }
    }

    /// <summary>Ends the offers of conversations that are not loaded, at once on the store.</summary>
    public static async Task ApplyAsync(AppDbContext db, List<long> conversationIds, OfferEndCause cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var end = OfferEnd.When(cause);
        if (end.Offers)
        {
            await db.ConversationOffers.Where(o => conversationIds.Contains(o.ConversationId)).ExecuteDeleteAsync(cancellationToken);
        }

        if (end.Timeout || end.Queue)
        {
            await db.Conversations.Where(c => conversationIds.Contains(c.Id)).ExecuteUpdateAsync(
                s =>
                {
                    if (end.Timeout)
                    {
                        s.SetProperty(c => c.OfferDueAtUtc, (DateTime?)null).SetProperty(c => c.OfferTimedOutAtUtc, (DateTime?)null);
                    }

                    if (end.Queue)
                    {
                        s.SetProperty(c => c.QueuedAtUtc, (DateTime?)null);
                    }
                },
                cancellationToken);
        }
    }
}
