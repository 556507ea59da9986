namespace WazzupAdmin.Domain.Crm;

/// <summary>The field limits of the real product's public API (v3), which the store keeps too.</summary>
public static class FieldLimits
{
    public const int UserId = 200;
    public const int UserName = 200;
    public const int UserPhone = 30;
    public const int ContactId = 100;
    public const int ResponsibleUserId = 100;
    public const int ContactName = 200;
    public const int Uri = 200;
    public const int DealId = 100;
    public const int DealName = 200;
    public const int PipelineId = 100;
    public const int PipelineName = 100;
    public const int StageId = 100;
    public const int StageName = 100;
    public const int ChatId = 100;
    public const int ChannelName = 100;
    public const int ChannelPlainId = 100;

    /// <summary>A Telegram username: 32 characters, and the @ a person may type before it.</summary>
    public const int TelegramUsername = 33;

    /// <summary>A phone as a person types it, with spaces, brackets and the leading +.</summary>
    public const int Phone = 30;
}
