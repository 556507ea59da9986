using Microsoft.AspNetCore.Diagnostics;

namespace WazzupAdmin.Api;

/// <summary>
/// Under the API, an error answer that nothing wrote a body for gets one in the API's shape <c>{error, description}</c>:
/// a path that matches no endpoint (404 <c>NOT_FOUND</c>), a method the path does not take (405
/// <c>METHOD_NOT_ALLOWED</c>, with the Allow header routing set), or a body the framework refused before an endpoint ran
/// (400 <c>INVALID_REQUEST</c>, 415 <c>UNSUPPORTED_MEDIA_TYPE</c>). The console's HTML status pages are switched off
/// here, since an API client cannot read them.
/// </summary>
public sealed class ApiBodilessErrors(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        await next(context);

        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength > 0 || !string.IsNullOrEmpty(response.ContentType))
        {
            return;
        }

        var (code, description) = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => (ApiErrors.NotFound, $"There is no endpoint {context.Request.Method} {context.Request.Path}; see /openapi/v3.json."),
            StatusCodes.Status405MethodNotAllowed => (ApiErrors.MethodNotAllowed,
                $"{context.Request.Path} does not take {context.Request.Method}" + (response.Headers.Allow.Count > 0 ? $"; it takes {response.Headers.Allow}." : ".")),
            StatusCodes.Status415UnsupportedMediaType => (ApiErrors.UnsupportedMediaType, ApiJson.SendJson),
            StatusCodes.Status400BadRequest => (ApiErrors.InvalidRequest, "The request could not be read; send the body as JSON with Content-Type: application/json."),
            _ => (ApiErrors.InvalidRequest, $"The request was refused ({response.StatusCode})."),
        };
        await ApiErrors.WriteAsync(response, response.StatusCode, code, description, context.RequestAborted);
    }
}
