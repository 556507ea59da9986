using WazzupAdmin.Domain.Security;

namespace WazzupAdmin.Tests.Domain;

public sealed class SlidingWindowEstimateTests
{
    private static readonly DateTime Noon = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Windows_are_aligned_so_that_every_instance_counts_in_the_same_one()
    {
        Assert.Equal(Noon.AddSeconds(5), SlidingWindowEstimate.WindowStart(Noon.AddSeconds(7.3), TimeSpan.FromSeconds(5)));
        Assert.Equal(Noon, SlidingWindowEstimate.WindowStart(Noon, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void The_previous_window_counts_for_the_part_of_it_the_sliding_window_still_covers()
    {
        Assert.Equal(1, SlidingWindowEstimate.Weight(Noon, Minute), 6);
        Assert.Equal(0.75, SlidingWindowEstimate.Weight(Noon.AddSeconds(15), Minute), 6);
    }

    [Fact]
    public void One_more_request_fits_while_the_estimate_with_it_stays_within_the_limit()
    {
        // Half of the previous window's 10 still count.
        Assert.True(SlidingWindowEstimate.Allows(current: 4, previous: 10, weight: 0.5, limit: 10));
        Assert.False(SlidingWindowEstimate.Allows(current: 5, previous: 10, weight: 0.5, limit: 10));
        Assert.True(SlidingWindowEstimate.Allows(current: 9, previous: 0, weight: 1, limit: 10));
        Assert.False(SlidingWindowEstimate.Allows(current: 10, previous: 0, weight: 1, limit: 10));
    }

    [Fact]
    public void A_refusal_waits_until_the_previous_windows_share_has_fallen_enough()
    {
        // 10 of 10 in the previous minute, none yet in this one: one more fits once only 9 of them count, 6 s in.
        Assert.Equal(TimeSpan.FromSeconds(6), SlidingWindowEstimate.RetryAfter(Noon, Minute, current: 0, previous: 10, limit: 10));
    }

    [Fact]
    public void A_refusal_with_this_window_full_waits_until_it_has_slid_out_far_enough()
    {
        // Full 15 s in: 45 s to the next window, then 6 s more until only 9 of this window's 10 count.
        Assert.Equal(TimeSpan.FromSeconds(51), SlidingWindowEstimate.RetryAfter(Noon.AddSeconds(15), Minute, current: 10, previous: 0, limit: 10));
    }

    [Fact]
    public void A_refusal_asks_for_at_least_one_second()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), SlidingWindowEstimate.RetryAfter(Noon, TimeSpan.FromSeconds(5), current: 0, previous: 10, limit: 10));
    }
}
