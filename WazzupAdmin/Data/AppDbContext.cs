using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data;

/// <summary>
/// The console's store. On SQLite it is this context itself; on PostgreSQL <see cref="Postgres.PostgresAppDbContext"/>,
/// the same model with migrations of its own, is what <c>IDbContextFactory&lt;AppDbContext&gt;</c> creates.
/// </summary>
public class AppDbContext : IdentityDbContext<ApplicationUser>
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context, whose options are typed by that context.</summary>
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<ChannelAccess> ChannelAccess => Set<ChannelAccess>();
    public DbSet<CrmUser> CrmUsers => Set<CrmUser>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactChat> ContactChats => Set<ContactChat>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<Funnel> Funnels => Set<Funnel>();
    public DbSet<Stage> Stages => Set<Stage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ConversationOffer> ConversationOffers => Set<ConversationOffer>();

    public DbSet<QueueHandOutRecord> QueueHandOuts => Set<QueueHandOutRecord>();

    public DbSet<RepDayOff> RepDaysOff => Set<RepDayOff>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ChannelTurn> ChannelTurns => Set<ChannelTurn>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ChatLink> ChatLinks => Set<ChatLink>();
    public DbSet<CrmPush> CrmPushes => Set<CrmPush>();
    public DbSet<WebhookSettings> WebhookSettings => Set<WebhookSettings>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<WabaTemplate> WabaTemplates => Set<WabaTemplate>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Each entity's mapping (lengths, keys, indexes, relationships, stored enum names) is its own
        // IEntityTypeConfiguration in Data/Configurations. The migrations must match them: ModelTests checks it.
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
