using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.HasKey(s => new { s.FunnelId, s.Id });
        builder.Property(s => s.Id).HasMaxLength(FieldLimits.StageId);
        builder.Property(s => s.Name).HasMaxLength(FieldLimits.StageName);
    }
}
