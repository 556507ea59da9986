using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(FieldLimits.UserId);
        builder.Property(a => a.Reason).HasMaxLength(Assignment.ReasonLength);
        builder.Property(a => a.ReasonKind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.ReasonActor).HasMaxLength(256);
        builder.Property(a => a.ReasonPrevious).HasMaxLength(256);
        builder.Ignore(a => a.Why);
        builder.HasIndex(a => a.ConversationId);
        builder.HasIndex(a => new { a.ChannelId, a.AtUtc });
    }
}
