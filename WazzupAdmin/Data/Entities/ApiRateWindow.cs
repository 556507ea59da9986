namespace WazzupAdmin.Data.Entities;

/// <summary>
/// On PostgreSQL, the requests one API key made in one fixed window, counted by every instance of the console together
/// (see <c>Api.PostgresApiKeyRateLimiter</c>). Only the current and the previous window of a key are kept. On SQLite
/// one process counts in memory and the table does not exist.
/// </summary>
public sealed class ApiRateWindow
{
    public int KeyId { get; set; }

    public DateTime WindowStart { get; set; }

    public int Count { get; set; }
}
