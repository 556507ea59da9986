using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.Property(d => d.Id).HasMaxLength(FieldLimits.DealId);
        builder.Property(d => d.Name).HasMaxLength(FieldLimits.DealName);
        builder.Property(d => d.Uri).HasMaxLength(FieldLimits.Uri);
        builder.Property(d => d.ResponsibleUserId).HasMaxLength(FieldLimits.ResponsibleUserId);
        builder.HasOne(d => d.ResponsibleUser).WithMany().HasForeignKey(d => d.ResponsibleUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(d => d.Contacts).WithMany(c => c.Deals).UsingEntity("DealContacts");
        builder.HasIndex(d => d.ResponsibleUserId);
        builder.Property(d => d.FunnelId).HasMaxLength(FieldLimits.PipelineId);
        builder.Property(d => d.StageId).HasMaxLength(FieldLimits.StageId);
        builder.Property(d => d.FunnelName).HasMaxLength(FieldLimits.PipelineName);
        builder.Property(d => d.StageName).HasMaxLength(FieldLimits.StageName);
        builder.Property(d => d.Origin).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.OriginSource).HasMaxLength(100);
        builder.Property(d => d.ReplacedId).HasMaxLength(FieldLimits.DealId);
        builder.HasIndex(d => d.ReplacedId);
    }
}
