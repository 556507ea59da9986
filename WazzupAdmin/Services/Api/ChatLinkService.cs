using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Api;

/// <summary>What a chat link opens, already checked by the API: the CRM user, the scope and, for scope card, its chats.</summary>
public sealed record ChatLinkSpec(string UserId, string? UserName, string Scope, IReadOnlyList<ChatRef> Filter, ChatRef? ActiveChat);

/// <summary>A link that was just used: what it opens.</summary>
public sealed record UsedChatLink(string UserId, string Scope, IReadOnlyList<ChatRef> Filter, ChatRef? ActiveChat);

/// <summary>
/// Chat links: the CRM asks for one (POST /v3/iframe) and embeds it; opening it signs the browser in as the CRM user
/// without a password. The token is 256 random bits and only its SHA-256 is stored, so a link cannot be guessed and a
/// changed token matches nothing. A link works once and for 24 hours.
/// </summary>
public sealed class ChatLinkService(IDbContextFactory<AppDbContext> dbFactory, UserManager<ApplicationUser> users, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The domain of the accounts created for CRM users who had none; <c>.invalid</c> can never receive mail.</summary>
    public const string AccountEmailDomain = "crm-users.invalid";

    /// <summary>Stores a new link and returns its token, the only time it is known. A CRM user the workspace does not know
    /// yet is created with the given name (its id when none is given), as the real product does.</summary>
    public async Task<string> CreateAsync(ChatLinkSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.CrmUsers.AnyAsync(u => u.Id == spec.UserId, cancellationToken))
        {
            db.CrmUsers.Add(new CrmUser { Id = spec.UserId, Name = spec.UserName ?? spec.UserId });
        }

        db.ChatLinks.Add(new ChatLink
        {
            TokenHash = HashOf(token),
            UserId = spec.UserId,
            Scope = spec.Scope,
            FilterJson = spec.Scope == ChatScope.Card ? ChatScope.Serialize(spec.Filter) : null,
            ActiveChatJson = spec.ActiveChat is null ? null : JsonSerializer.Serialize(spec.ActiveChat, JsonSerializerOptions.Web),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Uses a link up. One conditional update marks it used, so of two simultaneous uses exactly one succeeds.
    /// </summary>
    /// <returns>Null for a link that is unknown (or tampered with), used or expired.</returns>
    public async Task<UsedChatLink?> UseAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = HashOf(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var used = await db.ChatLinks
            .Where(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), cancellationToken);
        if (used == 0)
        {
            return null;
        }

        var link = await db.ChatLinks.AsNoTracking().FirstAsync(l => l.TokenHash == hash, cancellationToken);
        var activeChat = link.ActiveChatJson is null ? null : JsonSerializer.Deserialize<ChatRef>(link.ActiveChatJson, JsonSerializerOptions.Web);
        return new UsedChatLink(link.UserId, link.Scope, ChatScope.Deserialize(link.FilterJson) ?? [], activeChat);
    }

    /// <summary>
    /// The console account that acts as the CRM user; when none is linked to it, a new account without a password
    /// (it can only be entered through chat links) with the address <c>&lt;id&gt;@crm-users.invalid</c>.
    /// </summary>
    /// <returns>Null when no account could be found or made.</returns>
    public async Task<ApplicationUser?> AccountForAsync(string crmUserId, CancellationToken cancellationToken = default)
    {
        if (await LinkedAccountAsync(crmUserId, cancellationToken) is { } linked)
        {
            return linked;
        }

        var email = $"{AccountLocalPart(crmUserId)}@{AccountEmailDomain}";
        var account = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CrmUserId = crmUserId };
        var created = await users.CreateAsync(account);
        // A simultaneous first use may have created it in between; that account is as good.
        return created.Succeeded ? account : await LinkedAccountAsync(crmUserId, cancellationToken);
    }

    /// <summary>The conversation to open first for the link's active chat: the contact's most recent conversation on a
    /// channel whose clients write in chats of that type (on the chat's channel when it names one), if any.</summary>
    public async Task<long?> ConversationOfAsync(ChatRef chat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var held = await db.ContactChats.MatchingAsync(chat.Keys(), cancellationToken);
        var contactIds = held.Select(x => x.ContactId).Distinct().ToList();
        var transports = held.Select(x => ChatTypes.TryParseApiName(x.ChatType, out var t) ? t.Transports() : [])
            .SelectMany(t => t).Distinct().ToList();
        return await db.Conversations.AsNoTracking()
            .Where(c => contactIds.Contains(c.ContactId) && transports.Contains(c.Channel!.Transport)
                && (chat.ChannelId == null || c.ChannelId == chat.ChannelId))
            .OrderByDescending(c => c.LastActivityAtUtc)
            .Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<ApplicationUser?> LinkedAccountAsync(string crmUserId, CancellationToken cancellationToken) =>
        await users.Users.Where(u => u.CrmUserId == crmUserId).OrderBy(u => u.Email).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The CRM id itself when it is a plain address part, otherwise a digest of it (CRM ids may hold any character).</summary>
    private static string AccountLocalPart(string crmUserId) =>
        crmUserId.Length <= 64 && crmUserId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? crmUserId
            : "crm-" + HashOf(crmUserId)[..32];
}
