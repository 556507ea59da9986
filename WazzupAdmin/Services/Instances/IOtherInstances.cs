using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Instances;

/// <summary>
/// What this instance tells the other instances of the console on the same store, so that what it did shows in their
/// open windows too. Registered only on PostgreSQL (see <see cref="PostgresInstanceEvents"/>); on SQLite there is one
/// process and nothing to tell. Every method returns at once: the message goes out in the background, in order.
/// </summary>
public interface IOtherInstances
{
    void Send(ChatEvent chatEvent);

    void Send(DealsChanged dealsChanged);

    /// <summary>The account's sessions were ended here; <paramref name="currentStamp"/> is its new security stamp.</summary>
    void SessionsEnded(string accountId, string currentStamp);

    /// <summary>The API key was revoked here: the other instances stop believing it at once.</summary>
    void ApiKeyRevoked(int keyId);

    /// <summary>The CRM user's status may have changed here; <paramref name="onlineHere"/> says whether a window of theirs counts as open here.</summary>
    void PresenceChanged(string userId, bool onlineHere);
}
