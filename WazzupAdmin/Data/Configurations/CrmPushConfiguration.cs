using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Data.Configurations;

internal sealed class CrmPushConfiguration : IEntityTypeConfiguration<CrmPush>
{
    public void Configure(EntityTypeBuilder<CrmPush> builder)
    {
        builder.HasKey(p => p.Kind);
        builder.Property(p => p.Kind).HasMaxLength(20);
        builder.Property(p => p.Source).HasMaxLength(100);
    }
}
