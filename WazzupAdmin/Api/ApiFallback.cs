using Microsoft.AspNetCore.Routing.Template;

namespace WazzupAdmin.Api;

/// <summary>
/// What the API answers a request no endpoint takes: 405 <c>METHOD_NOT_ALLOWED</c> with Allow when the path is an
/// endpoint's with another method, 415 <c>UNSUPPORTED_MEDIA_TYPE</c> when the endpoint was passed over for a body that is
/// not JSON, otherwise 404 <c>NOT_FOUND</c>. Routing alone cannot tell these apart here: the static
/// files' catch-all takes GET and HEAD on every path, so a POST to an unknown path would be a 405 of that.
/// </summary>
public static class ApiFallback
{
    public static void MapApiFallback(this WebApplication app, string prefix) =>
        app.Map(prefix + "/{**rest}", (HttpContext context, EndpointDataSource endpoints) =>
            {
                var allowed = MethodsFor(endpoints, prefix, context.Request.Path);
                if (allowed.Count == 0)
                {
                    return ApiErrors.NotFoundResult($"There is no endpoint {context.Request.Method} {context.Request.Path}; see /openapi/v3.json.");
                }

                // The endpoint takes this method, so routing passed it over for the body's content type.
                if (allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
                {
                    return ApiErrors.Response(StatusCodes.Status415UnsupportedMediaType, ApiErrors.UnsupportedMediaType, ApiJson.SendJson);
                }

                context.Response.Headers.Allow = string.Join(", ", allowed);
                return ApiErrors.Response(StatusCodes.Status405MethodNotAllowed, ApiErrors.MethodNotAllowed,
                    $"{context.Request.Path} does not take {context.Request.Method}; it takes {string.Join(", ", allowed)}.");
            })
            .ExcludeFromDescription()
            // Below every real endpoint, whatever the method.
            .WithOrder(int.MaxValue - 1);

    /// <summary>The methods the API's endpoints take on this path.</summary>
    private static List<string> MethodsFor(EndpointDataSource endpoints, string prefix, PathString path) =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith(prefix + "/", StringComparison.Ordinal) && !raw.Contains("{**", StringComparison.Ordinal))
            .Where(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
