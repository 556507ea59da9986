using System.Security.Cryptography;
using System.Text;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Tests.Domain;

public sealed class WebhookDeliveryRulesTests
{
    [Theory]
    [InlineData(200, DeliveryVerdict.Delivered)]
    [InlineData(204, DeliveryVerdict.Delivered)]
    [InlineData(500, DeliveryVerdict.RetryLater)]
    [InlineData(503, DeliveryVerdict.RetryLater)]
    [InlineData(429, DeliveryVerdict.RetryLater)]
    [InlineData(408, DeliveryVerdict.RetryLater)]
    [InlineData(null, DeliveryVerdict.RetryLater)]
    [InlineData(400, DeliveryVerdict.Refused)]
    [InlineData(404, DeliveryVerdict.Refused)]
    [InlineData(410, DeliveryVerdict.Refused)]
    public void Only_4xx_other_than_408_and_429_are_refused_for_good(int? status, DeliveryVerdict verdict) =>
        Assert.Equal(verdict, WebhookDelivery.Judge(status));

    [Fact]
    public void The_back_off_doubles_up_to_the_cap_within_twenty_percent()
    {
        var retryBase = TimeSpan.FromSeconds(5);
        var cap = TimeSpan.FromHours(1);

        Assert.Equal(TimeSpan.FromSeconds(4), WebhookDelivery.NextDelay(1, retryBase, cap, random: 0));
        Assert.Equal(TimeSpan.FromSeconds(10), WebhookDelivery.NextDelay(2, retryBase, cap, random: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(20 * 1.2), WebhookDelivery.NextDelay(3, retryBase, cap, random: 1));
        Assert.Equal(TimeSpan.FromHours(1), WebhookDelivery.NextDelay(40, retryBase, cap, random: 0.5));
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_body_with_the_secret()
    {
        var body = Encoding.UTF8.GetBytes("""{"eventId":"x","messages":[]}""");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), body));

        Assert.Equal("sha256=" + expected, WebhookDelivery.Signature("s3cret", body));
    }

    [Fact]
    public void Responsible_changes_travel_with_contacts_and_deals()
    {
        var subscription = new WebhookSubscriptions(MessagesAndStatuses: false, ContactsAndDealsCreation: true, ChannelsUpdates: false);

        Assert.True(subscription.Covers(WebhookKinds.ResponsibleChanged));
        Assert.True(subscription.Covers(WebhookKinds.CreateDeal));
        Assert.False(subscription.Covers(WebhookKinds.Messages));
        Assert.False(subscription.Covers(WebhookKinds.ChannelsUpdates));
    }

    [Fact]
    public void A_delivery_lease_outlasts_every_request_of_one_delivery_timing_out_with_the_pauses_between_them()
    {
        var defaults = new Services.Webhooks.WebhookOptions();

        var lease = DeliveryLease.Length(defaults.AttemptTimeout, defaults.ImmediateRetries, defaults.ImmediateRetryDelay);

        // Three requests of 30 s, pauses of 1 s and 2 s doubled for the jitter, and a minute for the store.
        Assert.Equal(TimeSpan.FromSeconds(90 + 2 + 4 + 60), lease);
        Assert.Equal(TimeSpan.FromSeconds(10) + DeliveryLease.Margin, DeliveryLease.Length(TimeSpan.FromSeconds(10), 0, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_lease_holders_name_fits_the_outbox_and_tells_two_workers_of_one_process_apart()
    {
        var one = DeliveryLease.HolderName(new string('m', 300), 42, Guid.NewGuid());
        var other = DeliveryLease.HolderName(new string('m', 300), 42, Guid.NewGuid());

        Assert.True(one.Length <= DeliveryLease.HolderMaxLength);
        Assert.NotEqual(one, other);
        Assert.StartsWith("console-7:42:", DeliveryLease.HolderName("console-7", 42, Guid.NewGuid()), StringComparison.Ordinal);
    }
}
