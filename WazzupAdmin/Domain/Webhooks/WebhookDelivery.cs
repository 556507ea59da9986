using System.Security.Cryptography;
using System.Text;

namespace WazzupAdmin.Domain.Webhooks;

public enum DeliveryVerdict
{
    Delivered,

    /// <summary>A network error, a timeout, a 5xx, 408 or 429: the CRM may accept it later.</summary>
    RetryLater,

    /// <summary>Any other answer (a 4xx): sending the same body again would get the same answer.</summary>
    Refused,
}

/// <summary>How a delivery's outcome is judged and when the next try is due.</summary>
public static class WebhookDelivery
{
    /// <param name="statusCode">The CRM's answer; null when none came (network error, timeout).</param>
    public static DeliveryVerdict Judge(int? statusCode) => statusCode switch
    {
        null => DeliveryVerdict.RetryLater,
        >= 200 and < 300 => DeliveryVerdict.Delivered,
        408 or 429 => DeliveryVerdict.RetryLater,
        >= 500 => DeliveryVerdict.RetryLater,
        _ => DeliveryVerdict.Refused,
    };

    /// <summary>
    /// Exponential back-off with jitter: <paramref name="retryBase"/> · 2^(attempts − 1), at most <paramref name="cap"/>,
    /// then spread by ±20 % so that many events failing together do not all come back at the same moment.
    /// </summary>
    /// <param name="attempts">Requests made so far (at least 1).</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan NextDelay(int attempts, TimeSpan retryBase, TimeSpan cap, double random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = Math.Min(retryBase.TotalMilliseconds * Math.Pow(2, exponent), cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.8 + (0.4 * random)));
    }

    /// <summary>The value of the signature header: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the raw body.</summary>
    public static string Signature(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
