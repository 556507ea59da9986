using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class CrmUserConfiguration : IEntityTypeConfiguration<CrmUser>
{
    public void Configure(EntityTypeBuilder<CrmUser> builder)
    {
        builder.Property(u => u.Id).HasMaxLength(FieldLimits.UserId);
        builder.Property(u => u.Name).HasMaxLength(FieldLimits.UserName);
        builder.Property(u => u.Phone).HasMaxLength(FieldLimits.UserPhone);
        builder.HasIndex(u => u.Name);
    }
}
