using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class RepDayOffConfiguration : IEntityTypeConfiguration<RepDayOff>
{
    public void Configure(EntityTypeBuilder<RepDayOff> builder)
    {
        builder.ToTable("RepDaysOff");
        builder.HasKey(d => new { d.CrmUserId, d.Date });
        builder.Property(d => d.CrmUserId).HasMaxLength(FieldLimits.UserId);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(d => d.CrmUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
