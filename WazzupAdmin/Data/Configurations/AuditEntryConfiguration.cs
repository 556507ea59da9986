using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorAccountId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(256);
        builder.Property(a => a.ChannelName).HasMaxLength(FieldLimits.ChannelName);
        builder.Property(a => a.What).HasMaxLength(400);
        builder.Property(a => a.Subject).HasMaxLength(256);
        builder.Property(a => a.OldValue).HasMaxLength(4000);
        builder.Property(a => a.NewValue).HasMaxLength(4000);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => a.ChannelId);
        builder.HasIndex(a => a.ActorAccountId);
    }
}
