using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.CrmUserId).HasMaxLength(FieldLimits.UserId);
        builder.HasIndex(u => u.CrmUserId).IsUnique();
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(u => u.CrmUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
