using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class OfferTimeoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly RoutingSettings InTurn = new(DistributionAlgorithm.InTurn);
    private static readonly OfferTimeoutSettings FiveMinutes = new(5, MaxMoves: 2);
    private static readonly RepSnapshot[] Reps = [new("u-boris"), new("u-carmen"), new("u-dmitri")];

    [Fact]
    public void Timeouts_are_off_by_default_and_an_offer_then_never_comes_due()
    {
        Assert.False(OfferTimeoutSettings.Off.IsOn);
        Assert.Null(OfferTimeoutSettings.Off.DueAt(Now));
        Assert.Equal(Now.AddMinutes(5), FiveMinutes.DueAt(Now));
    }

    [Fact]
    public void In_turn_a_client_nobody_replied_to_moves_to_the_next_rep_after_the_one_who_timed_out()
    {
        var decision = OfferTimeouts.Decide(InTurn, FiveMinutes, Reps, "u-boris", [], movesSoFar: 0, Now);

        Assert.Equal(OfferTimeoutAction.Move, decision.Action);
        Assert.Equal("u-carmen", decision.MoveTo);
    }

    [Fact]
    public void In_turn_a_move_skips_every_rep_who_already_timed_out_on_the_client()
    {
        var decision = OfferTimeouts.Decide(InTurn, new OfferTimeoutSettings(5, MaxMoves: 5), Reps, "u-dmitri", ["u-boris"], movesSoFar: 1, Now);

        Assert.Equal(OfferTimeoutAction.Move, decision.Action);
        Assert.Equal("u-carmen", decision.MoveTo);
        Assert.Contains(decision.Plan!.Skipped, v => v is { UserId: "u-boris", Skipped: SkipReason.TimedOut });
    }

    [Fact]
    public void In_turn_after_the_last_move_the_client_goes_to_the_managers()
    {
        var decision = OfferTimeouts.Decide(InTurn, FiveMinutes, Reps, "u-dmitri", ["u-boris", "u-carmen"], movesSoFar: 2, Now);

        Assert.Equal(OfferTimeoutAction.ToManagers, decision.Action);
        Assert.Null(decision.MoveTo);
    }

    [Fact]
    public void In_turn_with_nobody_else_available_the_client_goes_to_the_managers_before_the_last_move()
    {
        RepSnapshot[] reps = [new("u-boris"), new("u-carmen") { Presence = Presence.Away }];

        var decision = OfferTimeouts.Decide(InTurn, FiveMinutes, reps, "u-boris", [], movesSoFar: 0, Now);

        Assert.Equal(OfferTimeoutAction.ToManagers, decision.Action);
    }

    [Fact]
    public void With_no_moves_allowed_the_first_timeout_goes_to_the_managers()
    {
        var decision = OfferTimeouts.Decide(InTurn, new OfferTimeoutSettings(5, MaxMoves: 0), Reps, "u-boris", [], movesSoFar: 0, Now);

        Assert.Equal(OfferTimeoutAction.ToManagers, decision.Action);
    }

    [Theory]
    [InlineData(WidenOfferTo.AllReps)]
    [InlineData(WidenOfferTo.Managers)]
    public void First_responder_widens_the_offer_as_the_channel_chose(WidenOfferTo widenTo)
    {
        var decision = OfferTimeouts.Decide(
            new RoutingSettings(DistributionAlgorithm.FirstResponder), new OfferTimeoutSettings(5, WidenTo: widenTo), Reps, null, [], 0, Now);

        Assert.Equal(OfferTimeoutAction.Widen, decision.Action);
        Assert.Equal(widenTo, decision.WidenTo);
    }

    [Fact]
    public void The_reasons_read_as_what_happened()
    {
        Assert.Equal("Timed out: Boris Ivanov did not reply in time; moved to the next rep in turn.", AssignmentReason.TimedOutMoved("Boris Ivanov").English);
        Assert.Equal("Timed out: Dmitri Sokolov did not reply in time; handed to the channel's managers, unassigned.",
            AssignmentReason.TimedOutToManagers("Dmitri Sokolov").English);
        Assert.Equal("Timed out: nobody claimed the client in time; the managers were alerted.", AssignmentReason.Widened([]).English);
    }
}
