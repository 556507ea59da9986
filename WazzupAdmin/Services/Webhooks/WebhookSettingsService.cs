using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>The subscription as the settings page and the API show it. <see cref="Uri"/> is null while nobody subscribed.</summary>
public sealed record WebhookSettingsView(string? Uri, WebhookSubscriptions Subscriptions, string Secret, DateTime? UpdatedAtUtc);

public sealed record WebhookSettingsInput(string? Uri, WebhookSubscriptions Subscriptions);

/// <summary>What a save did; on a refused address, <see cref="Test"/> holds the CRM's answer. Nothing is written unless it succeeded.</summary>
public sealed record WebhookSaveOutcome(IReadOnlyList<FieldError> Errors, WebhookAnswer? Test)
{
    public bool Succeeded => Errors.Count == 0;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>One outbox event as the deliveries list shows it.</summary>
public sealed record WebhookDeliveryRow(
    long Id, Guid EventId, string Kind, OutboxStatus Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTime NextAttemptAtUtc, DateTime CreatedAtUtc, DateTime? DeliveredAtUtc);

/// <summary>
/// The CRM's webhook subscription: where events go, which ones, the secret they are signed with, and the record of
/// their deliveries. An address is accepted only after it answered 200 to a <c>{test: true}</c> POST.
/// </summary>
public sealed class WebhookSettingsService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, IHttpClientFactory httpClients, WebhookSignal signal,
    WebhookAddressGuard guard, TimeProvider clock)
{
    public const string UriField = nameof(WebhookSettingsInput.Uri);
    public const int MaxUriLength = 1000;
    public const string PrivateNetworkRefused =
        "This address leads to {0}, a loopback, private, link-local or multicast address. Webhooks are sent only to public addresses.";

    public const string TestBody = """{"test":true}""";

    public async Task<WebhookSettingsView> GetAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        return await CurrentAsync(cancellationToken);
    }

    public async Task<WebhookSaveOutcome> SaveAsync(WebhookSettingsInput input, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        return await SubscribeAsync(input, cancellationToken);
    }

    /// <summary>Posts <c>{test: true}</c> to <paramref name="uri"/> and returns the answer, or the field's error for an unusable address.</summary>
    public async Task<(WebhookAnswer? Answer, FieldError? Error)> TestAsync(string? uri, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        if ((CheckUri(uri, required: true) ?? await CheckNetworkAsync(uri!, cancellationToken)) is { } error)
        {
            return (null, error);
        }

        var secret = (await CurrentAsync(cancellationToken)).Secret;
        return (await PostTestAsync(uri!.Trim(), secret, cancellationToken), null);
    }

    public async Task<string> RegenerateSecretAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await LoadOrCreateAsync(db, cancellationToken);
        settings.Secret = NewSecret();
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return settings.Secret;
    }

    /// <summary>Recent deliveries, newest first.</summary>
    public async Task<Paged<WebhookDeliveryRow>> DeliveriesAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.OutboxEvents.CountAsync(cancellationToken);
        var items = await db.OutboxEvents.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Skip(skip).Take(take)
            .Select(e => new WebhookDeliveryRow(
                e.Id, e.EventId, e.Kind, e.Status, e.Attempts, e.LastStatusCode, e.LastError, e.NextAttemptAtUtc, e.CreatedAtUtc, e.DeliveredAtUtc))
            .ToListAsync(cancellationToken);
        return new Paged<WebhookDeliveryRow>(items, total);
    }

    /// <summary>
    /// Puts a dead-lettered event back in the queue, due now. It keeps its event id, so a CRM that did receive it
    /// drops the copy. Returns false when there is no such dead letter.
    /// </summary>
    public async Task<bool> ResendAsync(long outboxId, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.OutboxEvents
            .Where(e => e.Id == outboxId && e.Status == OutboxStatus.DeadLettered)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, OutboxStatus.Pending)
                .SetProperty(e => e.NextAttemptAtUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (updated > 0)
        {
            signal.Wake();
        }

        return updated > 0;
    }

    /// <summary>The subscription, for the API (authenticated by its key) and the page; creates the secret on first use.</summary>
    public async Task<WebhookSettingsView> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await LoadOrCreateAsync(db, cancellationToken);
        if (db.Entry(settings).State == EntityState.Added)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone created it at the same moment: theirs stands.
                await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
                settings = await again.WebhookSettings.AsNoTracking().FirstAsync(s => s.Id == WebhookSettings.SingletonId, cancellationToken);
            }
        }

        return View(settings);
    }

    /// <summary>
    /// Saves the subscription, for the API (authenticated by its key) and the page. A new address must first answer
    /// 200 to a signed <c>{test: true}</c> POST. An empty address unsubscribes.
    /// </summary>
    public async Task<WebhookSaveOutcome> SubscribeAsync(WebhookSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (CheckUri(input.Uri, required: false) is { } error)
        {
            return new WebhookSaveOutcome([error], null);
        }

        var uri = string.IsNullOrWhiteSpace(input.Uri) ? null : input.Uri.Trim();
        if (uri is not null && await CheckNetworkAsync(uri, cancellationToken) is { } networkError)
        {
            return new WebhookSaveOutcome([networkError], null);
        }

        var current = await CurrentAsync(cancellationToken);
        WebhookAnswer? test = null;
        if (uri is not null && uri != current.Uri)
        {
            test = await PostTestAsync(uri, current.Secret, cancellationToken);
            if (test.StatusCode != 200)
            {
                var refusal = test.StatusCode is { } status
                    ? new FieldError(UriField, "The address answered {0} instead of 200, so it was not saved.", status)
                    : new FieldError(UriField, "The address did not answer, so it was not saved: {0}", test.Error ?? "");
                return new WebhookSaveOutcome([refusal], test);
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await LoadOrCreateAsync(db, cancellationToken);
        settings.Uri = uri;
        settings.MessagesAndStatuses = input.Subscriptions.MessagesAndStatuses;
        settings.ContactsAndDealsCreation = input.Subscriptions.ContactsAndDealsCreation;
        settings.ChannelsUpdates = input.Subscriptions.ChannelsUpdates;
        settings.TemplateStatus = input.Subscriptions.TemplateStatus;
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        // Events waiting for an address may go now.
        signal.Wake();
        return new WebhookSaveOutcome([], test);
    }

    private async Task<WebhookAnswer> PostTestAsync(string uri, string secret, CancellationToken cancellationToken)
    {
        var sender = new WebhookSender(httpClients.CreateClient(WebhookRegistration.TestClient));
        return await sender.PostAsync(uri, TestBody, secret, eventId: null, cancellationToken);
    }

    private static FieldError? CheckUri(string? uri, bool required)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return required ? new FieldError(UriField, "Enter the address the CRM receives webhooks at.") : null;
        }

        if (uri.Trim().Length > MaxUriLength)
        {
            return new FieldError(UriField, "At most {0} characters.", MaxUriLength);
        }

        return System.Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == "http" || parsed.Scheme == "https")
            ? null
            : new FieldError(UriField, "Enter an absolute http or https address.");
    }

    /// <summary>The address may not lead into this machine or its network (checked again at every delivery).</summary>
    private async Task<FieldError?> CheckNetworkAsync(string uri, CancellationToken cancellationToken) =>
        await guard.ForbiddenAddressAsync(new Uri(uri.Trim()), cancellationToken) is { } forbidden
            ? new FieldError(UriField, PrivateNetworkRefused, forbidden.ToString())
            : null;

    private static async Task<WebhookSettings> LoadOrCreateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.WebhookSettings.FirstOrDefaultAsync(s => s.Id == WebhookSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new WebhookSettings { Secret = NewSecret() };
            db.WebhookSettings.Add(settings);
        }

        return settings;
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static WebhookSettingsView View(WebhookSettings settings) =>
        new(settings.Uri, new WebhookSubscriptions(settings.MessagesAndStatuses, settings.ContactsAndDealsCreation, settings.ChannelsUpdates, settings.TemplateStatus),
            settings.Secret, settings.UpdatedAtUtc == default ? null : settings.UpdatedAtUtc);
}
