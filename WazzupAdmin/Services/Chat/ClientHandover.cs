using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Services.Chat;

/// <summary>A <see cref="Handover"/> applied to the tracked contact of a conversation and the client's new deal.</summary>
internal static class ClientHandover
{
    /// <summary>Loads the conversation's new deal, and its contact unless given, tracked, and hands the client over; returns the contact.</summary>
    public static async Task<Contact> ApplyAsync(
        AppDbContext db, Conversation conversation, Handover handover, CancellationToken cancellationToken, Contact? contact = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(conversation);
        contact ??= await db.Contacts.FirstAsync(c => c.Id == conversation.ContactId, cancellationToken);
        var deal = conversation.NewClientDealId is null
            ? null
            : await db.Deals.FirstOrDefaultAsync(d => d.Id == conversation.NewClientDealId, cancellationToken);
        Apply(contact, deal, handover);
        return contact;
    }

    public static void Apply(Contact contact, Deal? deal, Handover handover)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(handover);
        contact.ResponsibleUserId = handover.To;
        if (deal is not null)
        {
            deal.ResponsibleUserId = handover.DealAfter(deal.ResponsibleUserId);
        }
    }
}
