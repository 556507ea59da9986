using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ConversationOfferConfiguration : IEntityTypeConfiguration<ConversationOffer>
{
    public void Configure(EntityTypeBuilder<ConversationOffer> builder)
    {
        builder.HasKey(o => new { o.ConversationId, o.UserId });
        builder.Property(o => o.UserId).HasMaxLength(FieldLimits.UserId);
        builder.HasIndex(o => o.UserId);
    }
}
