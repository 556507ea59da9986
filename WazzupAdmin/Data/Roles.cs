namespace WazzupAdmin.Data;

/// <summary>Account roles of the console itself (not the per-channel roles of the chat window).</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
}
