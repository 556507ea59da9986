using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Data.Configurations;

internal sealed class WabaTemplateConfiguration : IEntityTypeConfiguration<WabaTemplate>
{
    public void Configure(EntityTypeBuilder<WabaTemplate> builder)
    {
        builder.HasKey(t => t.TemplateGuid);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Name).HasMaxLength(512);
        builder.Property(t => t.Category).HasMaxLength(40);
        builder.Property(t => t.Language).HasMaxLength(20);
        builder.Property(t => t.Status).HasMaxLength(40);
        builder.Property(t => t.RejectedReason).HasMaxLength(500);
        builder.Property(t => t.Body).HasMaxLength(1024);
        builder.Property(t => t.Header).HasMaxLength(60);
        builder.Property(t => t.Footer).HasMaxLength(60);
        builder.HasOne(t => t.Channel).WithMany().HasForeignKey(t => t.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.ChannelId);
    }
}
