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
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "wazzup:api-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) || header.Length == bearer.Length)
        {
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer <api key>'.");
        }

        var caller = await keys.AuthenticateAsync(header[bearer.Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
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
        var description = result.Failure?.Message ?? "Send the API key as 'Authorization: Bearer <api key>'.";
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.WriteAsync(Response, StatusCodes.Status401Unauthorized, ApiErrors.InvalidApiKey, description, Context.RequestAborted);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteAsync(Response, StatusCodes.Status403Forbidden, "FORBIDDEN", "This key may not do that.", Context.RequestAborted);
}
