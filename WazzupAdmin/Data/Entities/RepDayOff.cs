namespace WazzupAdmin.Data.Entities;

/// <summary>A day a sales rep does not work: on the channel's calendar date, routing skips them on every channel.</summary>
public sealed class RepDayOff
{
    public string CrmUserId { get; set; } = "";
    public DateOnly Date { get; set; }
}
