using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class QueueDrainTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly RoutingSettings InTurn = new(DistributionAlgorithm.InTurn) { OnlyOnline = true };
    private static readonly RoutingSettings FirstResponder = new(DistributionAlgorithm.FirstResponder) { OnlyOnline = true };
    private static readonly Dictionary<string, int> NobodyHanded = [];

    private static List<QueuedClient> Waiting(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new QueuedClient(i, Now.AddMinutes(-60 + i)))];

    [Fact]
    public void The_first_rep_online_gets_the_oldest_clients_and_no_more_than_the_pace_per_minute()
    {
        RepSnapshot[] reps = [new("u-boris"), new("u-carmen") { Presence = Presence.Offline }];

        var handOuts = QueueDrain.Drain(InTurn, reps, null, Waiting(10), NobodyHanded, perRepPerMinute: 3, Now);

        Assert.Equal([1L, 2L, 3L], handOuts.Select(h => h.Client.ConversationId));
        Assert.All(handOuts, h => Assert.Equal("u-boris", h.Plan.AssignedTo));
        Assert.Equal(59, handOuts[0].WaitedMinutes(Now));
    }

    [Fact]
    public void The_order_the_clients_come_in_does_not_matter_the_oldest_goes_first()
    {
        RepSnapshot[] reps = [new("u-boris")];
        var waiting = Waiting(5);
        waiting.Reverse();

        var handOuts = QueueDrain.Drain(InTurn, reps, null, waiting, NobodyHanded, perRepPerMinute: 2, Now);

        Assert.Equal([1L, 2L], handOuts.Select(h => h.Client.ConversationId));
    }

    [Fact]
    public void What_a_rep_was_handed_in_the_last_minute_counts_toward_the_pace_and_they_are_shown_as_skipped_for_it()
    {
        RepSnapshot[] reps = [new("u-boris"), new("u-carmen")];

        var handOuts = QueueDrain.Drain(InTurn, reps, null, Waiting(10), new Dictionary<string, int> { ["u-boris"] = 3 }, perRepPerMinute: 3, Now);

        Assert.Equal(3, handOuts.Count);
        Assert.All(handOuts, h => Assert.Equal("u-carmen", h.Plan.AssignedTo));
        Assert.Contains(handOuts[0].Plan.Verdicts, v => v is { UserId: "u-boris", Skipped: SkipReason.QueuePace });
    }

    [Fact]
    public void In_turn_the_queue_is_shared_out_in_rotation_from_after_the_last_rep_served()
    {
        RepSnapshot[] reps = [new("u-boris"), new("u-carmen"), new("u-dmitri")];

        var handOuts = QueueDrain.Drain(InTurn, reps, "u-boris", Waiting(4), NobodyHanded, perRepPerMinute: 10, Now);

        Assert.Equal(["u-carmen", "u-dmitri", "u-boris", "u-carmen"], handOuts.Select(h => h.Plan.AssignedTo));
    }

    [Fact]
    public void Caps_hold_while_draining_each_client_handed_out_counts_toward_the_reps_unanswered()
    {
        var settings = InTurn with { MaxUnanswered = 2 };
        RepSnapshot[] reps = [new("u-boris") { Unanswered = 1 }, new("u-carmen")];

        var handOuts = QueueDrain.Drain(settings, reps, null, Waiting(10), NobodyHanded, perRepPerMinute: 10, Now);

        Assert.Equal(["u-boris", "u-carmen", "u-carmen"], handOuts.Select(h => h.Plan.AssignedTo));
    }

    [Fact]
    public void First_responder_offers_each_queued_client_to_every_rep_who_can_take_one_and_each_offer_counts_toward_the_pace()
    {
        RepSnapshot[] reps = [new("u-boris"), new("u-carmen")];

        var handOuts = QueueDrain.Drain(FirstResponder, reps, null, Waiting(5), NobodyHanded, perRepPerMinute: 2, Now);

        Assert.Equal(2, handOuts.Count);
        Assert.All(handOuts, h => Assert.Equal(["u-boris", "u-carmen"], h.Plan.OfferedTo));
    }

    [Fact]
    public void While_nobody_can_take_a_client_nothing_leaves_the_queue()
    {
        RepSnapshot[] reps = [new("u-boris") { Presence = Presence.Away }, new("u-carmen") { Presence = Presence.Offline }];

        Assert.Empty(QueueDrain.Drain(InTurn, reps, null, Waiting(3), NobodyHanded, perRepPerMinute: 3, Now));
        Assert.Empty(QueueDrain.Drain(InTurn, [], null, Waiting(3), NobodyHanded, perRepPerMinute: 3, Now));
    }

    [Fact]
    public void Outside_the_channels_hours_the_queue_waits_for_the_opening()
    {
        var hours = new WorkingHours("UTC", [new DayHours(DayOfWeek.Wednesday, new TimeOnly(10, 0), new TimeOnly(18, 0))]);
        var settings = InTurn with { Hours = hours };
        RepSnapshot[] reps = [new("u-boris")];

        Assert.Empty(QueueDrain.Drain(settings, reps, null, Waiting(3), NobodyHanded, perRepPerMinute: 3, Now));
        Assert.Equal(3, QueueDrain.Drain(settings, reps, null, Waiting(3), NobodyHanded, perRepPerMinute: 3, Now.AddHours(1)).Count);
    }
}
