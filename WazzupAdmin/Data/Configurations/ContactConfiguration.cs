using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Id).HasMaxLength(FieldLimits.ContactId);
        builder.Property(c => c.Name).HasMaxLength(FieldLimits.ContactName);
        builder.Property(c => c.Uri).HasMaxLength(FieldLimits.Uri);
        builder.Property(c => c.ResponsibleUserId).HasMaxLength(FieldLimits.ResponsibleUserId);
        builder.HasOne(c => c.ResponsibleUser).WithMany().HasForeignKey(c => c.ResponsibleUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Chats).WithOne().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.ResponsibleUserId);
        builder.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.OriginSource).HasMaxLength(100);
        builder.Property(c => c.ReplacedId).HasMaxLength(FieldLimits.ContactId);
        builder.HasIndex(c => c.ReplacedId);
    }
}
