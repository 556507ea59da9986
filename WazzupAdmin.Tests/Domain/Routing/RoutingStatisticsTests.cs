using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Stats;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class RoutingStatisticsTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly StatsPeriod Period = new(Start, Start.AddDays(1));
    private static readonly StatsRep Boris = new("u-boris", "Boris Ivanov");
    private static readonly StatsRep Carmen = new("u-carmen", "Carmen López");
    private static readonly StatsRep Dmitri = new("u-dmitri", "Dmitri Sokolov");
    private static readonly StatsRep[] Reps = [Carmen, Dmitri, Boris];

    private static DateTime At(int minutes) => Start.AddMinutes(minutes);

    private static RepStats Of(IReadOnlyList<RepStats> stats, StatsRep rep) => stats.Single(s => s.UserId == rep.UserId);

    [Fact]
    public void With_nothing_routed_every_rep_has_a_row_of_zeros_and_the_rows_are_in_name_order()
    {
        var stats = RoutingStatistics.Aggregate(Reps, [], [], [], Period);

        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov"], stats.Select(s => s.Name));
        Assert.All(stats, s => Assert.True(s.IsEmpty));
        Assert.All(stats, s => Assert.Null(s.MedianFirstReply));
    }

    [Fact]
    public void In_turn_a_rep_receives_the_clients_given_and_moved_to_them_and_times_out_on_those_they_let_go()
    {
        InTurnTally[] inTurn =
        [
            new(AssignmentReasonKind.InTurn, "u-boris", null, 3),
            new(AssignmentReasonKind.InTurn, "u-carmen", null, 2),
            new(AssignmentReasonKind.OfferTimedOutMoved, "u-carmen", "Boris Ivanov", 1),
            new(AssignmentReasonKind.OfferTimedOutToManagers, null, "Carmen López", 1),
        ];

        var stats = RoutingStatistics.Aggregate(Reps, inTurn, [], [], Period);

        Assert.Equal((3, 0, 1), (Of(stats, Boris).Received, Of(stats, Boris).Claimed, Of(stats, Boris).TimedOut));
        Assert.Equal((3, 0, 1), (Of(stats, Carmen).Received, Of(stats, Carmen).Claimed, Of(stats, Carmen).TimedOut));
        Assert.True(Of(stats, Dmitri).IsEmpty);
    }

    [Fact]
    public void First_responder_an_offer_counts_for_every_rep_it_went_to_and_the_claim_for_the_one_who_replied_first()
    {
        OfferEntry[] offers =
        [
            new(1, At(0), AssignmentReasonKind.FirstResponderOffered, null, ["Boris Ivanov", "Carmen López"]),
            new(1, At(2), AssignmentReasonKind.FirstResponderClaimed, "u-carmen", ["Boris Ivanov", "Carmen López"]),
            new(2, At(5), AssignmentReasonKind.FirstResponderOffered, null, ["Boris Ivanov", "Carmen López"]),
        ];

        var stats = RoutingStatistics.Aggregate(Reps, [], offers, [], Period);

        Assert.Equal((2, 0, 0), (Of(stats, Boris).Received, Of(stats, Boris).Claimed, Of(stats, Boris).TimedOut));
        Assert.Equal((2, 1, 0), (Of(stats, Carmen).Received, Of(stats, Carmen).Claimed, Of(stats, Carmen).TimedOut));
    }

    [Fact]
    public void First_responder_a_widened_offer_times_out_on_the_reps_it_was_open_to_and_reaches_the_others()
    {
        OfferEntry[] offers =
        [
            new(1, At(0), AssignmentReasonKind.FirstResponderOffered, null, ["Boris Ivanov", "Carmen López"]),
            new(1, At(10), AssignmentReasonKind.OfferWidened, null, ["Boris Ivanov", "Carmen López", "Dmitri Sokolov"]),
            new(1, At(12), AssignmentReasonKind.FirstResponderClaimed, "u-dmitri", ["Boris Ivanov", "Carmen López", "Dmitri Sokolov"]),
        ];

        var stats = RoutingStatistics.Aggregate(Reps, [], offers, [], Period);

        Assert.Equal((1, 0, 1), (Of(stats, Boris).Received, Of(stats, Boris).Claimed, Of(stats, Boris).TimedOut));
        Assert.Equal((1, 0, 1), (Of(stats, Carmen).Received, Of(stats, Carmen).Claimed, Of(stats, Carmen).TimedOut));
        Assert.Equal((1, 1, 0), (Of(stats, Dmitri).Received, Of(stats, Dmitri).Claimed, Of(stats, Dmitri).TimedOut));
    }

    [Fact]
    public void An_offer_from_before_the_period_is_not_received_in_it_but_says_who_its_timeout_in_the_period_was_on()
    {
        OfferEntry[] offers =
        [
            new(1, Start.AddMinutes(-5), AssignmentReasonKind.FirstResponderOffered, null, ["Boris Ivanov"]),
            new(1, At(5), AssignmentReasonKind.OfferWidened, null, []),
        ];

        var stats = RoutingStatistics.Aggregate(Reps, [], offers, [], Period);

        Assert.Equal((0, 1), (Of(stats, Boris).Received, Of(stats, Boris).TimedOut));
    }

    [Fact]
    public void Reply_times_are_per_client_from_its_first_message_and_give_each_reps_median_and_90th_percentile()
    {
        FirstReply[] replies =
        [
            new(1, "u-boris", At(0), At(1)),
            new(2, "u-boris", At(0), At(3)),
            new(3, "u-boris", At(0), At(11)),
            new(4, "u-carmen", At(10), At(12)),
            // A reply written before the client wrote (sent from the CRM first) is no reply time.
            new(5, "u-carmen", At(10), At(9)),
            // Someone who is not a rep of the channel has no row.
            new(6, "u-anna", At(0), At(1)),
        ];

        var stats = RoutingStatistics.Aggregate(Reps, [], [], replies, Period);

        Assert.Equal(3, Of(stats, Boris).Replies);
        Assert.Equal(TimeSpan.FromMinutes(3), Of(stats, Boris).MedianFirstReply);
        Assert.Equal(TimeSpan.FromMinutes(9.4), Of(stats, Boris).P90FirstReply);
        Assert.Equal((1, TimeSpan.FromMinutes(2)), (Of(stats, Carmen).Replies, Of(stats, Carmen).MedianFirstReply));
        Assert.Null(Of(stats, Dmitri).P90FirstReply);
        Assert.DoesNotContain(stats, s => s.UserId == "u-anna");
    }

    [Fact]
    public void Names_nobody_of_the_channel_has_are_not_counted_for_anyone()
    {
        OfferEntry[] offers = [new(1, At(0), AssignmentReasonKind.FirstResponderOffered, null, ["Somebody Gone"])];
        InTurnTally[] inTurn = [new(AssignmentReasonKind.OfferTimedOutToManagers, null, "Somebody Gone", 4)];

        var stats = RoutingStatistics.Aggregate(Reps, inTurn, offers, [], Period);

        Assert.All(stats, s => Assert.True(s.IsEmpty));
    }
}
