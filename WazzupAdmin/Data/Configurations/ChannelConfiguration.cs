using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> builder)
    {
        builder.Property(c => c.PlainId).HasMaxLength(FieldLimits.ChannelPlainId);
        builder.Property(c => c.Name).HasMaxLength(FieldLimits.ChannelName);
        builder.Property(c => c.Transport).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Algorithm).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.HoursTimeZone).HasMaxLength(64);
        // Seven days of "Mon 09:00-18:00; " at most, with room for a day split in two.
        builder.Property(c => c.WeeklyHours).HasMaxLength(300);
        builder.Property(c => c.OutsideHours).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReturningClients).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.RemovedStageName).HasMaxLength(FieldLimits.PipelineName + FieldLimits.StageName + 3);
        builder.Property(c => c.RemovedFunnelId).HasMaxLength(FieldLimits.PipelineId);
        builder.Property(c => c.RemovedStageId).HasMaxLength(FieldLimits.StageId);
        builder.HasIndex(c => new { c.Transport, c.PlainId }).IsUnique();
        builder.HasOne(c => c.Stage).WithMany()
            .HasForeignKey(c => new { c.FunnelId, c.StageId })
            .OnDelete(DeleteBehavior.SetNull);
    }
}
