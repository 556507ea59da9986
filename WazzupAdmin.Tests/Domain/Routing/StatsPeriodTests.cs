using WazzupAdmin.Domain.Distribution.Stats;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class StatsPeriodTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Today_is_the_whole_utc_day_of_now()
    {
        var today = StatsPeriod.For(StatsPreset.Today, Now);

        Assert.Equal(new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), today.FromUtc);
        Assert.Equal(new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc), today.ToUtc);
        Assert.True(today.Contains(Now.UtcDateTime));
        Assert.False(today.Contains(new DateTime(2026, 12, 1, 23, 59, 59, DateTimeKind.Utc)));
        Assert.Equal((new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 2)), (today.FirstDay, today.LastDay));
    }

    [Fact]
    public void The_last_7_and_30_days_are_today_and_the_days_before_it()
    {
        Assert.Equal((new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 2)), Days(StatsPeriod.For(StatsPreset.Last7Days, Now)));
        Assert.Equal((new DateOnly(2026, 11, 3), new DateOnly(2026, 12, 2)), Days(StatsPeriod.For(StatsPreset.Last30Days, Now)));
    }

    [Fact]
    public void The_day_is_the_utc_one_whatever_the_offset_the_clock_reads_in()
    {
        var lateEvening = new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateOnly(2026, 12, 3), StatsPeriod.For(StatsPreset.Today, lateEvening).FirstDay);
    }

    private static (DateOnly, DateOnly) Days(StatsPeriod period) => (period.FirstDay, period.LastDay);

    [Fact]
    public void A_custom_period_covers_both_whole_days_in_utc()
    {
        var period = StatsPeriod.For(StatsPreset.Custom, Now, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3));

        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), period.FromUtc);
        Assert.Equal(new DateTime(2026, 11, 4, 0, 0, 0, DateTimeKind.Utc), period.ToUtc);
        Assert.True(period.Contains(new DateTime(2026, 11, 3, 23, 59, 59, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_custom_period_given_the_wrong_way_round_is_read_the_right_way()
    {
        var period = StatsPeriod.For(StatsPreset.Custom, Now, new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 1));

        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), period.FromUtc);
        Assert.Equal(new DateTime(2026, 11, 4, 0, 0, 0, DateTimeKind.Utc), period.ToUtc);
    }

    [Fact]
    public void A_custom_period_longer_than_a_year_keeps_its_last_year()
    {
        var period = StatsPeriod.For(StatsPreset.Custom, Now, new DateOnly(2020, 1, 1), new DateOnly(2026, 11, 30));

        Assert.Equal(StatsPeriod.MaxDays, (period.ToUtc - period.FromUtc).TotalDays);
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), period.ToUtc);
    }
}
