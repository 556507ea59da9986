using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Api;

/// <summary>The subscription switches, named as the real product names them.</summary>
public sealed record WebhookSubscriptionsDto(bool? MessagesAndStatuses, bool? ContactsAndDealsCreation, bool? ChannelsUpdates, bool? TemplateStatus = null);

/// <summary>The CRM's webhook subscription: <c>{webhooksUri, subscriptions}</c>.</summary>
public sealed record WebhookSettingsDto(string? WebhooksUri, WebhookSubscriptionsDto? Subscriptions);

/// <summary>
/// The answer to a subscription: the documented <c>{ok}</c>, with the subscription as it now stands (an addition of this
/// console, since fields left out of the PATCH keep their value).
/// </summary>
public sealed record WebhookSubscribedDto(bool Ok, string? WebhooksUri, WebhookSubscriptionsDto Subscriptions);

public static class WebhookEndpoints
{
    /// <summary>The documented code of an address whose test POST was not answered 200.</summary>
    public const string TestFailed = "testPostNotPassed";

    /// <summary>The documented code of an address that is not a valid URI by its form.</summary>
    public const string UriNotValid = "uriNotValid";

    /// <summary>The address is, or resolves to, a loopback, private, link-local or multicast address.</summary>
    public const string PrivateAddress = "WEBHOOK_ADDRESS_NOT_PUBLIC";

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", async (WebhookSettingsService webhooks, CancellationToken cancellationToken) =>
                ToDto(await webhooks.CurrentAsync(cancellationToken)))
            .WithName("GetWebhooks")
            .WithSummary("The webhook subscription")
            .WithDescription("Where the platform posts events and which events: messagesAndStatuses (messages), "
                + "contactsAndDealsCreation (createContact, createDeal, and responsibleChanged, an addition of this console), channelsUpdates and templateStatus (WABA template moderation). "
                + "webhooksUri is null while nobody subscribed.")
            .WithTags("Webhooks")
            .Produces<WebhookSettingsDto>(StatusCodes.Status200OK);

        api.MapPatch("/webhooks", async (HttpRequest request, WebhookSettingsService webhooks, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiJson.ReadAsync<WebhookSettingsDto>(request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                // Switches left out keep their value, as a PATCH should.
                var current = await webhooks.CurrentAsync(cancellationToken);
                var subscriptions = new WebhookSubscriptions(
                    body!.Subscriptions?.MessagesAndStatuses ?? current.Subscriptions.MessagesAndStatuses,
                    body.Subscriptions?.ContactsAndDealsCreation ?? current.Subscriptions.ContactsAndDealsCreation,
                    body.Subscriptions?.ChannelsUpdates ?? current.Subscriptions.ChannelsUpdates,
                    body.Subscriptions?.TemplateStatus ?? current.Subscriptions.TemplateStatus);
                // Left out, the address stays; an empty string unsubscribes.
                var uri = body.WebhooksUri ?? current.Uri;
                var outcome = await webhooks.SubscribeAsync(new WebhookSettingsInput(uri, subscriptions), cancellationToken);
                if (outcome.Succeeded)
                {
                    var now = ToDto(await webhooks.CurrentAsync(cancellationToken));
                    return Results.Ok(new WebhookSubscribedDto(true, now.WebhooksUri, now.Subscriptions!));
                }

                if (outcome.Test is { } test)
                {
                    // The documented description first, then what this console saw.
                    var description = test.StatusCode is { } status
                        ? $"URI does not return 200 OK on test request: the test POST {{\"test\": true}} was answered {status}; the subscription was not changed."
                        : $"URI does not return 200 OK on test request: the test POST {{\"test\": true}} got no answer ({test.Error}); the subscription was not changed.";
                    return ApiErrors.BadRequest(TestFailed, description, new { statusCode = test.StatusCode, body = test.Body, error = test.Error });
                }

                var refused = outcome.Errors[0];
                return refused.Message == WebhookSettingsService.PrivateNetworkRefused
                    ? ApiErrors.BadRequest(PrivateAddress, Describe(refused), new { field = "webhooksUri", address = refused.Arguments[0] })
                    : ApiErrors.BadRequest(UriNotValid, Describe(refused), new { field = "webhooksUri" });
            })
            .Accepts<WebhookSettingsDto>("application/json")
            .WithName("UpdateWebhooks")
            .WithSummary("Subscribe to webhooks")
            .WithDescription("Sets the address and the subscriptions. A new address first gets a POST of {\"test\": true} and must answer 200, "
                + "otherwise the subscription is left as it was and the error carries the answer (400 testPostNotPassed). An address that is not "
                + "an absolute http or https URI of at most 200 characters is 400 uriNotValid. Answers `{ok: true}` with the subscription as it "
                + "now stands (webhooksUri and subscriptions, an addition of this console). Fields left out keep "
                + "their value; an empty webhooksUri unsubscribes. An address that is, or resolves to, a loopback, private, link-local, unique-local or "
                + "multicast address is refused (WEBHOOK_ADDRESS_NOT_PUBLIC), and checked again at every delivery, unless the console allows private "
                + "networks (Webhooks:AllowPrivateNetworks). Additions of this console: every event body carries eventId (also in the X-Wazzup-Event-Id header) for dropping duplicates, and "
                + "X-Wazzup-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret shown at /settings/webhooks>.")
            .WithTags("Webhooks")
            .Produces<WebhookSubscribedDto>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        return api;
    }

    private static WebhookSettingsDto ToDto(WebhookSettingsView view) =>
        new(view.Uri, new WebhookSubscriptionsDto(
            view.Subscriptions.MessagesAndStatuses, view.Subscriptions.ContactsAndDealsCreation, view.Subscriptions.ChannelsUpdates,
            view.Subscriptions.TemplateStatus));

    private static string Describe(FieldError error) => error.Message switch
    {
        "At most {0} characters." => $"Provided URI is not valid URI: webhooksUri has at most {WebhookSettingsService.MaxUriLength} characters.",
        WebhookSettingsService.PrivateNetworkRefused =>
            $"webhooksUri leads to {error.Arguments[0]}, a loopback, private, link-local or multicast address; webhooks are sent only to public addresses. Nothing was changed.",
        _ => "Provided URI is not valid URI: webhooksUri must be an absolute http or https address.",
    };
}
