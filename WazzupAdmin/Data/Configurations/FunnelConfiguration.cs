using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class FunnelConfiguration : IEntityTypeConfiguration<Funnel>
{
    public void Configure(EntityTypeBuilder<Funnel> builder)
    {
        builder.Property(f => f.Id).HasMaxLength(FieldLimits.PipelineId);
        builder.Property(f => f.Name).HasMaxLength(FieldLimits.PipelineName);
        builder.HasMany(f => f.Stages).WithOne(s => s.Funnel).HasForeignKey(s => s.FunnelId).OnDelete(DeleteBehavior.Cascade);
    }
}
