using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ContactChatConfiguration : IEntityTypeConfiguration<ContactChat>
{
    public void Configure(EntityTypeBuilder<ContactChat> builder)
    {
        builder.Property(c => c.ChatType).HasMaxLength(20);
        builder.Property(c => c.ChatId).HasMaxLength(FieldLimits.ChatId);
        builder.Property(c => c.Username).HasMaxLength(FieldLimits.ChatId);
        builder.Property(c => c.Phone).HasMaxLength(FieldLimits.UserPhone);
        // One client identifier of one messenger belongs to exactly one contact. A Telegram chat may be known only by
        // its username or phone until the client writes; SQLite's unique indexes let the missing ones be many.
        builder.HasIndex(c => new { c.ChatType, c.ChatId }).IsUnique();
        builder.HasIndex(c => new { c.ChatType, c.Username }).IsUnique();
        builder.HasIndex(c => new { c.ChatType, c.Phone }).IsUnique();
    }
}
