using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Data.Configurations;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.Property(o => o.Kind).HasMaxLength(40);
        builder.Property(o => o.OrderingKey).HasMaxLength(FieldLimits.ContactId);
        builder.Property(o => o.SubjectId).HasMaxLength(FieldLimits.ContactId);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.LastError).HasMaxLength(2000);
        builder.Property(o => o.LeasedBy).HasMaxLength(DeliveryLease.HolderMaxLength);
        builder.HasIndex(o => new { o.Status, o.NextAttemptAtUtc });
        builder.HasIndex(o => new { o.OrderingKey, o.Id });
        builder.HasIndex(o => o.CreatedAtUtc);
    }
}
