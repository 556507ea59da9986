using System.Text.Json;

namespace WazzupAdmin.Api;

/// <summary>An error as the real product's API gives it: a 4xx status with <c>{error, description, data?}</c>.</summary>
public sealed record ApiError(string Error, string Description, object? Data = null);

/// <summary>The error codes of the API and the responses that carry them.</summary>
public static class ApiErrors
{
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const string TooManyEntities = "TOO_MANY_ENTITIES";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The most entities one write may carry.</summary>
    public const int MaxEntities = 100;

    public static IResult Response(int status, string error, string description, object? data = null) =>
        Results.Json(new ApiError(error, description, data), statusCode: status);

    public static IResult BadRequest(string error, string description, object? data = null) =>
        Response(StatusCodes.Status400BadRequest, error, description, data);

    public static IResult NotFoundResult(string description, object? data = null) =>
        Response(StatusCodes.Status404NotFound, NotFound, description, data);

    public static IResult TooMany(int count) =>
        BadRequest(TooManyEntities, $"At most {MaxEntities} entities a request; this one has {count}.", new { limit = MaxEntities, count });

    /// <summary>Writes an error outside an endpoint (authentication, rate limiting, unhandled exceptions).</summary>
    public static Task WriteAsync(HttpResponse response, int status, string error, string description, CancellationToken cancellationToken = default)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new ApiError(error, description), ApiJson.Options, cancellationToken);
    }
}

/// <summary>Reads request bodies so that malformed JSON gets the API's error shape instead of an empty 400.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new NumberAsStringConverter() },
    };

    public const string SendJson = "Send the body as JSON with Content-Type: application/json.";

    /// <returns>The body, or an error response to return as it is.</returns>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiErrors.Response(StatusCodes.Status415UnsupportedMediaType, ApiErrors.UnsupportedMediaType, SendJson));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(Options, cancellationToken);
            return value is null
                ? (null, ApiErrors.BadRequest(ApiErrors.InvalidRequest, "The body is empty."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            return (null, ApiErrors.BadRequest(ApiErrors.InvalidRequest, $"The body is not valid JSON of the expected shape{where}."));
        }
    }
}

/// <summary>
/// Reads a JSON number where the API takes a string: the documentation types some ids as Number (a deal's id) and says
/// others "can be string", and CRMs send numeric ids as numbers. The number's text is kept as it was sent.
/// </summary>
public sealed class NumberAsStringConverter : System.Text.Json.Serialization.JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        _ => throw new JsonException($"Expected a string, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
