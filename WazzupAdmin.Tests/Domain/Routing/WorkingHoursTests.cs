using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class WorkingHoursTests
{
    private static readonly WorkingHours Madrid = new("Europe/Madrid",
    [
        new DayHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(18, 0)),
        new DayHours(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(2, 0)),
    ]);

    [Theory]
    [InlineData("2026-12-07T07:59:00Z", false)] // Monday 08:59 in Madrid
    [InlineData("2026-12-07T08:00:00Z", true)] // 09:00
    [InlineData("2026-12-07T16:59:00Z", true)] // 17:59
    [InlineData("2026-12-07T17:00:00Z", false)] // 18:00: the closing time is not open
    [InlineData("2026-12-11T21:30:00Z", true)] // Friday 22:30
    [InlineData("2026-12-12T00:30:00Z", true)] // Saturday 01:30, the Friday night hours past midnight
    [InlineData("2026-12-12T01:00:00Z", false)] // Saturday 02:00
    [InlineData("2026-06-08T07:30:00Z", true)] // Monday 09:30 in summer time (UTC+2)
    public void The_channel_is_open_by_its_own_wall_clock(string utc, bool open)
    {
        Assert.Equal(open, Madrid.IsOpen(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_next_opening_is_the_next_days_opening_time_in_the_zone()
    {
        var mondayEvening = new DateTimeOffset(2026, 12, 7, 19, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 11, 21, 0, 0, TimeSpan.Zero), Madrid.NextOpening(mondayEvening));
    }

    [Fact]
    public void While_open_the_next_opening_is_now_and_without_hours_there_is_none()
    {
        var open = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(open, Madrid.NextOpening(open));
        Assert.Null(new WorkingHours("UTC", []).NextOpening(open));
    }

    [Fact]
    public void A_week_is_stored_monday_first_as_text_and_read_back_the_same()
    {
        var stored = WorkingHours.Format(Madrid.Days.Reverse());

        Assert.Equal("Mon 09:00-18:00; Fri 22:00-02:00", stored);
        Assert.Equal(Madrid.Days, WorkingHours.Parse(stored));
        Assert.Empty(WorkingHours.Parse(null)!);
    }

    [Theory]
    [InlineData("Mon 9-18")]
    [InlineData("Monday 09:00-18:00")]
    [InlineData("Mon 09:00-25:00")]
    [InlineData("Mon 09:00")]
    public void Text_that_is_not_the_stored_form_is_refused(string stored)
    {
        Assert.Null(WorkingHours.Parse(stored));
    }

    [Fact]
    public void Only_time_zones_the_system_knows_are_accepted()
    {
        Assert.True(WorkingHours.IsKnownTimeZone("Europe/Madrid"));
        Assert.False(WorkingHours.IsKnownTimeZone("Mars/Olympus"));
        Assert.False(WorkingHours.IsKnownTimeZone(""));
    }
}
