using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Text).HasMaxLength(ChatLimits.MessageLength);
        builder.Property(m => m.AuthorUserId).HasMaxLength(FieldLimits.UserId);
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        builder.HasIndex(m => m.PublicId).IsUnique();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ErrorCode).HasMaxLength(60);
        builder.Property(m => m.CrmMessageId).HasMaxLength(200);
        builder.Property(m => m.ContentUri).HasMaxLength(2000);
        // A crmMessageId is used once: a repeated one sends nothing (SQLite lets any number of rows have none).
        builder.HasIndex(m => m.CrmMessageId).IsUnique();
        // The status simulator looks for the messages whose next status is due.
        builder.HasIndex(m => m.NextStatusAtUtc);
    }
}
