using WazzupAdmin.Domain.Distribution.Stats;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class PercentilesTests
{
    private static TimeSpan[] Minutes(params int[] minutes) => [.. minutes.Select(m => TimeSpan.FromMinutes(m))];

    [Fact]
    public void Nothing_to_measure_has_no_median_and_no_90th_percentile()
    {
        Assert.Null(Percentiles.Median([]));
        Assert.Null(Percentiles.P90([]));
    }

    [Fact]
    public void One_reply_time_is_its_own_median_and_90th_percentile()
    {
        Assert.Equal(TimeSpan.FromMinutes(7), Percentiles.Median(Minutes(7)));
        Assert.Equal(TimeSpan.FromMinutes(7), Percentiles.P90(Minutes(7)));
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value_whatever_the_order()
    {
        Assert.Equal(TimeSpan.FromMinutes(3), Percentiles.Median(Minutes(9, 1, 3)));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(TimeSpan.FromMinutes(2.5), Percentiles.Median(Minutes(4, 1, 2, 3)));
    }

    [Fact]
    public void The_90th_percentile_interpolates_between_the_two_closest_ranks()
    {
        // Ten values 1..10 minutes: rank 0.9 × 9 = 8.1, between the 9th (9 min) and the 10th (10 min).
        Assert.Equal(TimeSpan.FromMinutes(9.1), Percentiles.P90(Minutes(10, 9, 8, 7, 6, 5, 4, 3, 2, 1)));
        // Eleven values 0..10: rank 9 exactly.
        Assert.Equal(TimeSpan.FromMinutes(9), Percentiles.P90(Minutes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
    }

    [Fact]
    public void One_slow_reply_moves_the_90th_percentile_but_not_the_median()
    {
        var times = Minutes(1, 1, 1, 1, 1, 1, 1, 1, 1, 60);

        Assert.Equal(TimeSpan.FromMinutes(1), Percentiles.Median(times));
        Assert.True(Percentiles.P90(times) > TimeSpan.FromMinutes(6));
    }

    [Fact]
    public void A_percentile_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of(Minutes(1), 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of(Minutes(1), -1));
    }
}
