using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WazzupAdmin.Services.Api;

namespace WazzupAdmin.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>. A missing, unknown or revoked key is answered 401 in the API's error
/// shape, never with a redirect to the sign-in page.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys,
    FailedAuthenticationThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "wazzup:api-key";
    private const string ThrottledItem = "wazzup:api-auth-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        // Checked before the key is even parsed: a throttled address costs no lookup.
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(address) is { } retryAfter)
        {
            Context.Items[ThrottledItem] = retryAfter;
            return AuthenticateResult.Fail("Too many failed authentications from this address.");
        }

        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) || header.Length == bearer.Length)
        {
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer <api key>'.");
        }

        var caller = await keys.AuthenticateAsync(header[bearer.Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(KeyIdClaim, caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, caller.KeyName)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(SchemeName);
        if (Context.Items[ThrottledItem] is TimeSpan retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ApiErrors.WriteAsync(
                Response, StatusCodes.Status429TooManyRequests, ApiErrors.TooManyRequests,
                $"More than {throttle.PermitLimit} failed authentications from this address in {throttle.WindowLength.TotalSeconds:0} seconds. Retry after {seconds} s.",
                Context.RequestAborted);
            return;
        }

        var description = result.Failure?.Message ?? "Send the API key as 'Authorization: Bearer <api key>'.";
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.WriteAsync(Response, StatusCodes.Status401Unauthorized, ApiErrors.InvalidApiKey, description, Context.RequestAborted);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteAsync(Response, StatusCodes.Status403Forbidden, "FORBIDDEN", "This key may not do that.", Context.RequestAborted);
}
