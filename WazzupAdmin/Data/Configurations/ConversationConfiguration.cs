using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasOne(c => c.Channel).WithMany().HasForeignKey(c => c.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.NewClientDealId).HasMaxLength(FieldLimits.DealId);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(ChatLimits.PreviewLength);
        // One conversation per client and channel, whatever arrives at once.
        builder.HasIndex(c => new { c.ChannelId, c.ContactId }).IsUnique();
        builder.HasIndex(c => new { c.ChannelId, c.LastActivityAtUtc });
        // The unanswered counters count a channel's conversations from the index alone.
        builder.HasIndex(c => new { c.ChannelId, c.Unanswered });
        // The offer timeout worker looks for the due ones only.
        builder.HasIndex(c => c.OfferDueAtUtc);
        // The queue is drained oldest first, channel by channel, and each batch of new clients asks whether its channel
        // has clients waiting: the channel first, so that both seek to the channel's few queued clients. With the queue
        // time first SQLite, lacking statistics, read every conversation of the channel instead.
        builder.HasIndex(c => new { c.ChannelId, c.QueuedAtUtc });
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Offers).WithOne().HasForeignKey(o => o.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
