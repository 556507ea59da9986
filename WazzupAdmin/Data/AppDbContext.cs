using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
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

        builder.Entity<ApplicationUser>(e =>
        {
            e.Property(u => u.CrmUserId).HasMaxLength(FieldLimits.UserId);
            e.HasIndex(u => u.CrmUserId).IsUnique();
            e.HasOne<CrmUser>().WithMany().HasForeignKey(u => u.CrmUserId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<Channel>(e =>
        {
            e.Property(c => c.PlainId).HasMaxLength(FieldLimits.ChannelPlainId);
            e.Property(c => c.Name).HasMaxLength(FieldLimits.ChannelName);
            e.Property(c => c.Transport).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Algorithm).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Property(c => c.RemovedStageName).HasMaxLength(FieldLimits.PipelineName + FieldLimits.StageName + 3);
            e.Property(c => c.RemovedFunnelId).HasMaxLength(FieldLimits.PipelineId);
            e.Property(c => c.RemovedStageId).HasMaxLength(FieldLimits.StageId);
            e.HasIndex(c => new { c.Transport, c.PlainId }).IsUnique();
            e.HasOne(c => c.Stage).WithMany()
                .HasForeignKey(c => new { c.FunnelId, c.StageId })
                .OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<ChannelAccess>(e =>
        {
            e.HasKey(a => new { a.ChannelId, a.CrmUserId });
            e.Property(a => a.Role).HasConversion<string>().HasMaxLength(20);
            e.HasOne(a => a.Channel).WithMany(c => c.Access).HasForeignKey(a => a.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.CrmUser).WithMany().HasForeignKey(a => a.CrmUserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CrmUser>(e =>
        {
            e.Property(u => u.Id).HasMaxLength(FieldLimits.UserId);
            e.Property(u => u.Name).HasMaxLength(FieldLimits.UserName);
            e.Property(u => u.Phone).HasMaxLength(FieldLimits.UserPhone);
            e.HasIndex(u => u.Name);
        });

        builder.Entity<Contact>(e =>
        {
            e.Property(c => c.Id).HasMaxLength(FieldLimits.ContactId);
            e.Property(c => c.Name).HasMaxLength(FieldLimits.ContactName);
            e.Property(c => c.Uri).HasMaxLength(FieldLimits.Uri);
            e.Property(c => c.ResponsibleUserId).HasMaxLength(FieldLimits.ResponsibleUserId);
            e.HasOne(c => c.ResponsibleUser).WithMany().HasForeignKey(c => c.ResponsibleUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(c => c.Chats).WithOne().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.Name);
            e.HasIndex(c => c.ResponsibleUserId);
            e.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.OriginSource).HasMaxLength(100);
            e.Property(c => c.ReplacedId).HasMaxLength(FieldLimits.ContactId);
            e.HasIndex(c => c.ReplacedId);
        });

        builder.Entity<ContactChat>(e =>
        {
            e.Property(c => c.ChatType).HasMaxLength(20);
            e.Property(c => c.ChatId).HasMaxLength(FieldLimits.ChatId);
            e.Property(c => c.Username).HasMaxLength(FieldLimits.ChatId);
            e.Property(c => c.Phone).HasMaxLength(FieldLimits.UserPhone);
            // One client identifier of one messenger belongs to exactly one contact. A Telegram chat may be known only by
            // its username or phone until the client writes; SQLite's unique indexes let the missing ones be many.
            e.HasIndex(c => new { c.ChatType, c.ChatId }).IsUnique();
            e.HasIndex(c => new { c.ChatType, c.Username }).IsUnique();
            e.HasIndex(c => new { c.ChatType, c.Phone }).IsUnique();
        });

        builder.Entity<Deal>(e =>
        {
            e.Property(d => d.Id).HasMaxLength(FieldLimits.DealId);
            e.Property(d => d.Name).HasMaxLength(FieldLimits.DealName);
            e.Property(d => d.Uri).HasMaxLength(FieldLimits.Uri);
            e.Property(d => d.ResponsibleUserId).HasMaxLength(FieldLimits.ResponsibleUserId);
            e.HasOne(d => d.ResponsibleUser).WithMany().HasForeignKey(d => d.ResponsibleUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(d => d.Contacts).WithMany(c => c.Deals).UsingEntity("DealContacts");
            e.HasIndex(d => d.ResponsibleUserId);
        });

        builder.Entity<Funnel>(e =>
        {
            e.Property(f => f.Id).HasMaxLength(FieldLimits.PipelineId);
            e.Property(f => f.Name).HasMaxLength(FieldLimits.PipelineName);
            e.HasMany(f => f.Stages).WithOne(s => s.Funnel).HasForeignKey(s => s.FunnelId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Stage>(e =>
        {
            e.HasKey(s => new { s.FunnelId, s.Id });
            e.Property(s => s.Id).HasMaxLength(FieldLimits.StageId);
            e.Property(s => s.Name).HasMaxLength(FieldLimits.StageName);
        });

        builder.Entity<Conversation>(e =>
        {
            e.HasOne(c => c.Channel).WithMany().HasForeignKey(c => c.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.Property(c => c.NewClientDealId).HasMaxLength(FieldLimits.DealId);
            e.Property(c => c.LastMessagePreview).HasMaxLength(ChatLimits.PreviewLength);
            // One conversation per client and channel, whatever arrives at once.
            e.HasIndex(c => new { c.ChannelId, c.ContactId }).IsUnique();
            e.HasIndex(c => new { c.ChannelId, c.LastActivityAtUtc });
            // The unanswered counters count a channel's conversations from the index alone.
            e.HasIndex(c => new { c.ChannelId, c.Unanswered });
            e.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Offers).WithOne().HasForeignKey(o => o.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Message>(e =>
        {
            e.Property(m => m.Text).HasMaxLength(ChatLimits.MessageLength);
            e.Property(m => m.AuthorUserId).HasMaxLength(FieldLimits.UserId);
            e.HasIndex(m => new { m.ConversationId, m.Id });
            e.HasIndex(m => m.PublicId).IsUnique();
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.ErrorCode).HasMaxLength(60);
            e.Property(m => m.CrmMessageId).HasMaxLength(200);
            e.Property(m => m.ContentUri).HasMaxLength(2000);
            // A crmMessageId is used once: a repeated one sends nothing (SQLite lets any number of rows have none).
            e.HasIndex(m => m.CrmMessageId).IsUnique();
            // The status simulator looks for the messages whose next status is due.
            e.HasIndex(m => m.NextStatusAtUtc);
        });

        builder.Entity<ConversationOffer>(e =>
        {
            e.HasKey(o => new { o.ConversationId, o.UserId });
            e.Property(o => o.UserId).HasMaxLength(FieldLimits.UserId);
            e.HasIndex(o => o.UserId);
        });

        builder.Entity<Assignment>(e =>
        {
            e.Property(a => a.UserId).HasMaxLength(FieldLimits.UserId);
            e.Property(a => a.Reason).HasMaxLength(1000);
            e.Property(a => a.ReasonKind).HasConversion<string>().HasMaxLength(40);
            e.Property(a => a.ReasonActor).HasMaxLength(256);
            e.Property(a => a.ReasonPrevious).HasMaxLength(256);
            e.Ignore(a => a.Why);
            e.HasIndex(a => a.ConversationId);
            e.HasIndex(a => new { a.ChannelId, a.AtUtc });
        });

        builder.Entity<ChannelTurn>(e =>
        {
            e.HasKey(t => t.ChannelId);
            e.Property(t => t.LastAssignedUserId).HasMaxLength(FieldLimits.UserId);
            e.HasOne<Channel>().WithOne().HasForeignKey<ChannelTurn>(t => t.ChannelId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Deal>(e =>
        {
            e.Property(d => d.FunnelId).HasMaxLength(FieldLimits.PipelineId);
            e.Property(d => d.StageId).HasMaxLength(FieldLimits.StageId);
            e.Property(d => d.FunnelName).HasMaxLength(FieldLimits.PipelineName);
            e.Property(d => d.StageName).HasMaxLength(FieldLimits.StageName);
            e.Property(d => d.Origin).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.OriginSource).HasMaxLength(100);
            e.Property(d => d.ReplacedId).HasMaxLength(FieldLimits.DealId);
            e.HasIndex(d => d.ReplacedId);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.ActorAccountId).HasMaxLength(450);
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.ChannelName).HasMaxLength(FieldLimits.ChannelName);
            e.Property(a => a.What).HasMaxLength(400);
            e.Property(a => a.Subject).HasMaxLength(256);
            e.Property(a => a.OldValue).HasMaxLength(4000);
            e.Property(a => a.NewValue).HasMaxLength(4000);
            e.HasIndex(a => a.AtUtc);
            e.HasIndex(a => a.ChannelId);
            e.HasIndex(a => a.ActorAccountId);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.Property(k => k.CreatedBy).HasMaxLength(256);
            e.HasIndex(k => k.Hash).IsUnique();
        });

        builder.Entity<ChatLink>(e =>
        {
            e.HasKey(l => l.TokenHash);
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.Property(l => l.UserId).HasMaxLength(FieldLimits.UserId);
            e.Property(l => l.Scope).HasMaxLength(10);
            e.Property(l => l.FilterJson).HasMaxLength(20_000);
            e.Property(l => l.ActiveChatJson).HasMaxLength(400);
            e.HasIndex(l => l.ExpiresAtUtc);
        });

        builder.Entity<CrmPush>(e =>
        {
            e.HasKey(p => p.Kind);
            e.Property(p => p.Kind).HasMaxLength(20);
            e.Property(p => p.Source).HasMaxLength(100);
        });

        builder.Entity<WebhookSettings>(e =>
        {
            e.Property(w => w.Id).ValueGeneratedNever();
            e.Property(w => w.Uri).HasMaxLength(2000);
            e.Property(w => w.Secret).HasMaxLength(100);
        });

        builder.Entity<WabaTemplate>(e =>
        {
            e.HasKey(t => t.TemplateGuid);
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Name).HasMaxLength(512);
            e.Property(t => t.Category).HasMaxLength(40);
            e.Property(t => t.Language).HasMaxLength(20);
            e.Property(t => t.Status).HasMaxLength(40);
            e.Property(t => t.RejectedReason).HasMaxLength(500);
            e.Property(t => t.Body).HasMaxLength(1024);
            e.Property(t => t.Header).HasMaxLength(60);
            e.Property(t => t.Footer).HasMaxLength(60);
            e.HasOne(t => t.Channel).WithMany().HasForeignKey(t => t.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => t.ChannelId);
        });

        builder.Entity<OutboxEvent>(e =>
        {
            e.Property(o => o.Kind).HasMaxLength(40);
            e.Property(o => o.OrderingKey).HasMaxLength(FieldLimits.ContactId);
            e.Property(o => o.SubjectId).HasMaxLength(FieldLimits.ContactId);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.LastError).HasMaxLength(2000);
            e.HasIndex(o => new { o.Status, o.NextAttemptAtUtc });
            e.HasIndex(o => new { o.OrderingKey, o.Id });
            e.HasIndex(o => o.CreatedAtUtc);
        });
    }
}
