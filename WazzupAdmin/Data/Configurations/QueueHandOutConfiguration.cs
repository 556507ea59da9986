using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class QueueHandOutConfiguration : IEntityTypeConfiguration<QueueHandOutRecord>
{
    public void Configure(EntityTypeBuilder<QueueHandOutRecord> builder)
    {
        builder.ToTable("QueueHandOuts");
        builder.HasOne<Channel>().WithMany().HasForeignKey(h => h.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.UserId).HasMaxLength(FieldLimits.UserId);
        // The pace counts a channel's last minute.
        builder.HasIndex(h => new { h.ChannelId, h.AtUtc });
    }
}
