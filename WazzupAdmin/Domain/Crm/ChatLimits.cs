namespace WazzupAdmin.Domain.Crm;

/// <summary>Limits of the chat window's store.</summary>
public static class ChatLimits
{
    public const int MessageLength = 4096;
    public const int PreviewLength = 200;
}
