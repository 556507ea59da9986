using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Timeout;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>What the CRM answered to one delivery (after the pipeline's quick retries).</summary>
/// <param name="StatusCode">Null when no answer came: a network error or a timeout, described by <paramref name="Error"/>.</param>
/// <param name="Requests">How many requests the delivery made.</param>
/// <param name="RetryAfter">A 429's or 503's Retry-After, for the durable schedule.</param>
public sealed record WebhookAnswer(int? StatusCode, string? Body, string? Error, int Requests, TimeSpan? RetryAfter = null)
{
    public const int BodyExcerptLength = 4000;
}

/// <summary>
/// Posts signed bodies to the CRM's address through a named <see cref="HttpClient"/> whose resilience pipeline (see
/// <see cref="WebhookRegistration"/>) times each request out and retries transient failures a few times.
/// </summary>
public sealed class WebhookSender(HttpClient http)
{
    public const string SignatureHeader = "X-Wazzup-Signature";
    public const string EventIdHeader = "X-Wazzup-Event-Id";

    /// <summary>Counts the pipeline's retries, so that the outbox records every request the CRM saw.</summary>
    internal static readonly ResiliencePropertyKey<int> Retries = new("Webhooks.Retries");

    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled (the app stops).</exception>
    public async Task<WebhookAnswer> PostAsync(string uri, string body, string secret, Guid? eventId, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(SignatureHeader, WebhookDelivery.Signature(secret, bytes));
        if (eventId is { } id)
        {
            request.Headers.TryAddWithoutValidation(EventIdHeader, id.ToString());
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        request.SetResilienceContext(context);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var text = await ReadExcerptAsync(response, cancellationToken);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return new WebhookAnswer((int)response.StatusCode, text, null, Requests(context), retryAfter);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            return new WebhookAnswer(null, null, $"No answer within {ex.Timeout.TotalSeconds:0.#} s.", Requests(context));
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAnswer(null, null, ex.InnerException?.Message ?? ex.Message, Requests(context));
        }
        catch (OperationCanceledException ex)
        {
            return new WebhookAnswer(null, null, ex.Message, Requests(context));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static int Requests(ResilienceContext context) => 1 + context.Properties.GetValue(Retries, 0);

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The CRM's answer is kept for people to read, not parsed: a short excerpt is enough and a huge body costs nothing.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new char[WebhookAnswer.BodyExcerptLength];
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return new string(buffer, 0, read);
    }
}
