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
        // The queue is drained oldest first, channel by channel.
        builder.HasIndex(c => new { c.QueuedAtUtc, c.ChannelId });
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Offers).WithOne().HasForeignKey(o => o.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
