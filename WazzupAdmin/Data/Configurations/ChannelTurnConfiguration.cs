using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ChannelTurnConfiguration : IEntityTypeConfiguration<ChannelTurn>
{
    public void Configure(EntityTypeBuilder<ChannelTurn> builder)
    {
        builder.HasKey(t => t.ChannelId);
        builder.Property(t => t.LastAssignedUserId).HasMaxLength(FieldLimits.UserId);
        builder.HasOne<Channel>().WithOne().HasForeignKey<ChannelTurn>(t => t.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
