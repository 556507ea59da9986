using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ChannelAccessConfiguration : IEntityTypeConfiguration<ChannelAccess>
{
    public void Configure(EntityTypeBuilder<ChannelAccess> builder)
    {
        builder.HasKey(a => new { a.ChannelId, a.CrmUserId });
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(a => a.Channel).WithMany(c => c.Access).HasForeignKey(a => a.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.CrmUser).WithMany().HasForeignKey(a => a.CrmUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
