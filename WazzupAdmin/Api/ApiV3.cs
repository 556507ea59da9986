using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.OpenApi;

namespace WazzupAdmin.Api;

/// <summary>
/// The public API at the real product's path, <c>/v3/...</c>, in the shapes of its v3, with its OpenAPI document and
/// reference page. <c>/api/v3/...</c>, where the console first had it, stays as an alias of the same endpoints for the
/// integrations already pointed at it; it is left out of the OpenAPI document.
/// </summary>
public static class ApiV3
{
    public const string Prefix = "/v3";

    /// <summary>The first path of the console's API, answered the same as <see cref="Prefix"/>.</summary>
    public const string AliasPrefix = "/api/v3";
    public const string DocumentName = "v3";
    public const string DocumentPath = "/openapi/v3.json";
    public const string ReferencePath = "api/reference";

    public static IServiceCollection AddApiV3(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.SchemeName, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        services.AddApiRateLimiting();
        services.AddSingleton<FailedAuthenticationThrottle>();
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith(Prefix.TrimStart('/'), StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "WazzupAdmin API",
                    Version = "v3",
                    Description = "The CRM side of WazzupAdmin, at the real product's paths and in the shapes of its public API v3 "
                        + "(`https://api.wazzup24.com/v3/...` is `<console>/v3/...`; `/api/v3/...` answers the same as an alias and is not listed here). "
                        + "Authenticate with `Authorization: Bearer <api key>` (keys are created at /settings/api-keys or with "
                        + "`dotnet run --project WazzupAdmin -- create-api-key --name NAME`). "
                        + "Writes are upserts by id, at most 100 entities a request (`TOO_MANY_ENTITIES`). Errors are 4xx with `{error, description, data?}`; "
                        + "past 500 requests in 5 seconds a key gets 429 with Retry-After. Where the documentation names no code, the console answers "
                        + "404 `NOT_FOUND` (no such endpoint), 405 `METHOD_NOT_ALLOWED` (with Allow), 415 `UNSUPPORTED_MEDIA_TYPE` (a body that is not "
                        + "JSON) and 400 `INVALID_REQUEST` (malformed JSON). Where the documentation is silent or contradicts itself, each endpoint says "
                        + "what the console accepts. Additions of this simulated console, not in the real product: the simulator endpoints, the "
                        + "`responsibleChanged` webhook, the `eventId` of every webhook body and the `X-Wazzup-Event-Id` and `X-Wazzup-Signature` headers.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["apiKey"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API key from /settings/api-keys.",
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Whether the request is under the API (its path or its alias).</summary>
    public static bool IsApiPath(PathString path) => path.StartsWithSegments(Prefix) || path.StartsWithSegments(AliasPrefix);

    /// <summary>
    /// The answers no endpoint wrote under the API (no route, a wrong method, a body the framework refused) are JSON in
    /// its error shape, never the console's HTML status pages. Goes right after the status pages, inside them.
    /// </summary>
    public static WebApplication UseApiStatusAnswers(this WebApplication app)
    {
        app.UseWhen(context => IsApiPath(context.Request.Path), branch => branch.UseMiddleware<ApiBodilessErrors>());
        return app;
    }

    /// <summary>Errors that escape an endpoint leave in the API's shape, not as the console's HTML error page.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseWhen(
            context => IsApiPath(context.Request.Path),
            branch => branch.UseExceptionHandler(handler => handler.Run(async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, code, description) = error switch
                {
                    BadHttpRequestException bad => (bad.StatusCode, ApiErrors.InvalidRequest, bad.Message),
                    _ => (StatusCodes.Status500InternalServerError, ApiErrors.InternalError, "Something went wrong on the server; nothing was stored."),
                };
                await ApiErrors.WriteAsync(context.Response, status, code, description, context.RequestAborted);
            })));
        return app;
    }

    public static WebApplication MapApiV3(this WebApplication app)
    {
        MapEndpoints(Group(app, Prefix));
        var alias = Group(app, AliasPrefix);
        MapEndpoints(alias);
        // After every endpoint's own conventions: the alias's copies carry no endpoint names (they belong to the real
        // path) and stay out of the OpenAPI document.
        ((IEndpointConventionBuilder)alias).Finally(endpoint =>
        {
            foreach (var name in endpoint.Metadata.OfType<EndpointNameMetadata>().ToList())
            {
                endpoint.Metadata.Remove(name);
            }

            endpoint.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute());
        });

        app.MapApiFallback(Prefix);
        app.MapApiFallback(AliasPrefix);

        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ReferencePath;
            options.SwaggerEndpoint(DocumentPath, "WazzupAdmin API v3");
            options.DocumentTitle = "WazzupAdmin API v3 reference";
        });
        return app;
    }

    private static RouteGroupBuilder Group(WebApplication app, string prefix) =>
        app.MapGroup(prefix)
            .RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName)
            .RequireApiKeyRateLimit()
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(typeof(ApiError), StatusCodes.Status401Unauthorized))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(typeof(ApiError), StatusCodes.Status429TooManyRequests));

    private static void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapChannelEndpoints();
        api.MapCrmEndpoints();
        api.MapIframeEndpoints().MapSimulatorEndpoints();
        api.MapWebhookEndpoints();
        api.MapMessageEndpoints();
        api.MapTemplateEndpoints();
    }
}
