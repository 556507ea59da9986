using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data.Configurations;

internal sealed class ChatLinkConfiguration : IEntityTypeConfiguration<ChatLink>
{
    public void Configure(EntityTypeBuilder<ChatLink> builder)
    {
        builder.HasKey(l => l.TokenHash);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.UserId).HasMaxLength(FieldLimits.UserId);
        builder.Property(l => l.Scope).HasMaxLength(10);
        builder.Property(l => l.FilterJson).HasMaxLength(20_000);
        builder.Property(l => l.ActiveChatJson).HasMaxLength(400);
        builder.HasIndex(l => l.ExpiresAtUtc);
    }
}
