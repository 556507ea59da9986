using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class RoutingPlannerTests
{
    // A Wednesday, 10:00 in Madrid (UTC+1 in December).
    private static readonly DateTimeOffset WednesdayMorning = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly RoutingSettings InTurn = new(DistributionAlgorithm.InTurn);
    private static readonly RoutingSettings FirstResponder = new(DistributionAlgorithm.FirstResponder);

    private static RepSnapshot Rep(string id) => new(id);

    private static readonly WorkingHours MadridWeekdays = new(
        "Europe/Madrid",
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new DayHours(d, new TimeOnly(9, 0), new TimeOnly(18, 0)))]);

    [Fact]
    public void With_no_setting_used_in_turn_is_the_plain_rotation_and_nobody_is_skipped()
    {
        var plan = RoutingPlanner.Plan(InTurn, [Rep("u-carmen"), Rep("u-boris"), Rep("u-dmitri")], "u-boris", WednesdayMorning);

        Assert.Equal(RoutingOutcome.Assigned, plan.Outcome);
        Assert.Equal("u-carmen", plan.AssignedTo);
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri"], plan.Eligible);
        Assert.Empty(plan.Skipped);
        Assert.Empty(plan.Credits);
    }

    [Fact]
    public void With_no_setting_used_first_responder_offers_to_every_rep()
    {
        var plan = RoutingPlanner.Plan(FirstResponder, [Rep("u-hugo"), Rep("u-boris")], null, WednesdayMorning);

        Assert.Equal(RoutingOutcome.Offered, plan.Outcome);
        Assert.Null(plan.AssignedTo);
        Assert.Equal(["u-boris", "u-hugo"], plan.OfferedTo);
    }

    [Fact]
    public void Nobody_receiving_new_clients_is_nobody_eligible_not_the_queue()
    {
        var plan = RoutingPlanner.Plan(InTurn, [], "u-boris", WednesdayMorning);

        Assert.Equal(RoutingOutcome.NobodyEligible, plan.Outcome);
        Assert.Empty(plan.Verdicts);
    }

    [Fact]
    public void Offline_reps_are_skipped_only_where_the_channel_wants_online_reps()
    {
        RepSnapshot[] reps = [Rep("u-boris") with { Presence = Presence.Offline }, Rep("u-carmen")];

        var anyone = RoutingPlanner.Plan(InTurn, reps, null, WednesdayMorning);
        var onlineOnly = RoutingPlanner.Plan(InTurn with { OnlyOnline = true }, reps, null, WednesdayMorning);

        Assert.Equal("u-boris", anyone.AssignedTo);
        Assert.Equal("u-carmen", onlineOnly.AssignedTo);
        Assert.Equal([new RepVerdict("u-boris", SkipReason.Offline)], onlineOnly.Skipped);
    }

    [Fact]
    public void A_rep_who_set_themselves_away_is_skipped_on_every_channel()
    {
        RepSnapshot[] reps = [Rep("u-boris") with { Presence = Presence.Away }, Rep("u-carmen")];

        var plan = RoutingPlanner.Plan(FirstResponder, reps, null, WednesdayMorning);

        Assert.Equal(["u-carmen"], plan.OfferedTo);
        Assert.Equal([new RepVerdict("u-boris", SkipReason.Away)], plan.Skipped);
    }

    [Fact]
    public void A_rep_at_the_channels_capacity_is_skipped_and_one_below_it_is_not()
    {
        var settings = InTurn with { MaxUnanswered = 3 };
        RepSnapshot[] reps = [Rep("u-boris") with { Unanswered = 3 }, Rep("u-carmen") with { Unanswered = 2 }];

        var plan = RoutingPlanner.Plan(settings, reps, null, WednesdayMorning);

        Assert.Equal("u-carmen", plan.AssignedTo);
        Assert.Equal([new RepVerdict("u-boris", SkipReason.AtCapacity)], plan.Skipped);
    }

    [Fact]
    public void A_reps_own_capacity_overrides_the_channels_both_ways()
    {
        var settings = InTurn with { MaxUnanswered = 5 };
        RepSnapshot[] reps =
        [
            Rep("u-boris") with { Unanswered = 3, MaxUnanswered = 3 }, // a trainee: below the channel's cap, at their own
            Rep("u-carmen") with { Unanswered = 7, MaxUnanswered = 10 }, // a senior: past the channel's cap, below their own
        ];

        var plan = RoutingPlanner.Plan(settings, reps, null, WednesdayMorning);

        Assert.Equal("u-carmen", plan.AssignedTo);
        Assert.Equal([new RepVerdict("u-boris", SkipReason.AtCapacity)], plan.Skipped);
    }

    [Fact]
    public void A_rep_on_a_day_off_is_skipped_on_that_date_of_the_channels_calendar_only()
    {
        var settings = InTurn with { Hours = MadridWeekdays };
        var wednesday = new DateOnly(2026, 12, 2);
        RepSnapshot[] reps = [Rep("u-boris") with { DaysOff = [wednesday] }, Rep("u-carmen")];

        var onTheDay = RoutingPlanner.Plan(settings, reps, null, WednesdayMorning);
        var nextDay = RoutingPlanner.Plan(settings, reps, null, WednesdayMorning.AddDays(1));

        Assert.Equal("u-carmen", onTheDay.AssignedTo);
        Assert.Equal([new RepVerdict("u-boris", SkipReason.DayOff)], onTheDay.Skipped);
        Assert.Equal("u-boris", nextDay.AssignedTo);
    }

    [Fact]
    public void A_day_off_follows_the_channels_time_zone_not_utc()
    {
        // 23:30 UTC on Tuesday is already Wednesday 00:30 in Madrid, where the channel is open all day.
        var allDay = new WorkingHours("Europe/Madrid", [.. Enum.GetValues<DayOfWeek>().Select(d => new DayHours(d, TimeOnly.MinValue, TimeOnly.MinValue))]);
        var settings = FirstResponder with { Hours = allDay };
        RepSnapshot[] reps = [Rep("u-boris") with { DaysOff = [new DateOnly(2026, 12, 2)] }, Rep("u-carmen")];

        var plan = RoutingPlanner.Plan(settings, reps, null, new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(["u-carmen"], plan.OfferedTo);
    }

    [Fact]
    public void Outside_hours_a_queueing_channel_queues_the_client_and_says_so_for_every_rep()
    {
        var settings = InTurn with { Hours = MadridWeekdays };
        var saturday = new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.Zero);

        var plan = RoutingPlanner.Plan(settings, [Rep("u-boris"), Rep("u-carmen")], null, saturday);

        Assert.Equal(RoutingOutcome.Queued, plan.Outcome);
        Assert.True(plan.ChannelClosed);
        Assert.All(plan.Verdicts, v => Assert.Equal(SkipReason.OutsideHours, v.Skipped));
    }

    [Fact]
    public void Outside_hours_a_channel_that_distributes_anyway_distributes_and_remembers_it_was_closed()
    {
        var settings = InTurn with { Hours = MadridWeekdays, OutsideHours = OutsideHoursChoice.DistributeAnyway };
        var evening = new DateTimeOffset(2026, 12, 2, 19, 0, 0, TimeSpan.Zero); // 20:00 in Madrid

        var plan = RoutingPlanner.Plan(settings, [Rep("u-boris"), Rep("u-carmen")], "u-boris", evening);

        Assert.Equal("u-carmen", plan.AssignedTo);
        Assert.True(plan.ChannelClosed);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void A_rep_who_timed_out_on_this_client_is_not_offered_it_again()
    {
        var plan = RoutingPlanner.Plan(FirstResponder, [Rep("u-boris"), Rep("u-carmen")], null, WednesdayMorning, timedOut: ["u-boris"]);

        Assert.Equal(["u-carmen"], plan.OfferedTo);
        Assert.Equal([new RepVerdict("u-boris", SkipReason.TimedOut)], plan.Skipped);
    }

    [Fact]
    public void When_reps_receive_new_clients_but_none_can_take_one_now_the_client_is_queued()
    {
        var settings = InTurn with { OnlyOnline = true, MaxUnanswered = 2 };
        RepSnapshot[] reps =
        [
            Rep("u-boris") with { Presence = Presence.Offline },
            Rep("u-carmen") with { Unanswered = 2 },
            Rep("u-dmitri") with { Presence = Presence.Away },
        ];

        var plan = RoutingPlanner.Plan(settings, reps, null, WednesdayMorning);

        Assert.Equal(RoutingOutcome.Queued, plan.Outcome);
        Assert.False(plan.ChannelClosed);
        Assert.Equal(
            [new RepVerdict("u-boris", SkipReason.Offline), new RepVerdict("u-carmen", SkipReason.AtCapacity), new RepVerdict("u-dmitri", SkipReason.Away)],
            plan.Verdicts);
    }

    [Fact]
    public void Each_rep_is_skipped_for_the_first_reason_that_applies_timed_out_then_day_off_then_away_then_offline_then_capacity()
    {
        var settings = InTurn with { OnlyOnline = true, MaxUnanswered = 1 };
        var today = DateOnly.FromDateTime(WednesdayMorning.UtcDateTime);
        var everything = Rep("u-a") with { Presence = Presence.Offline, Unanswered = 5, DaysOff = [today] };
        RepSnapshot[] reps =
        [
            everything,
            Rep("u-b") with { Presence = Presence.Offline, Unanswered = 5, DaysOff = [today] },
            Rep("u-c") with { Presence = Presence.Away, Unanswered = 5 },
            Rep("u-d") with { Presence = Presence.Offline, Unanswered = 5 },
            Rep("u-e") with { Unanswered = 5 },
            Rep("u-f"),
        ];

        var plan = RoutingPlanner.Plan(settings, reps, null, WednesdayMorning, timedOut: ["u-a"]);

        Assert.Equal(
            [SkipReason.TimedOut, SkipReason.DayOff, SkipReason.Away, SkipReason.Offline, SkipReason.AtCapacity, null],
            plan.Verdicts.Select(v => v.Skipped));
        Assert.Equal("u-f", plan.AssignedTo);
    }

    [Fact]
    public void Skipped_reps_leave_the_rotation_for_this_client_and_the_next_rep_in_order_takes_it()
    {
        var settings = InTurn with { OnlyOnline = true };
        RepSnapshot[] reps = [Rep("u-boris"), Rep("u-carmen") with { Presence = Presence.Offline }, Rep("u-dmitri")];

        var plan = RoutingPlanner.Plan(settings, reps, "u-boris", WednesdayMorning);

        Assert.Equal("u-dmitri", plan.AssignedTo);
    }

    [Theory]
    [InlineData(new[] { 1, 2 })]
    [InlineData(new[] { 3, 1, 1 })]
    [InlineData(new[] { 10, 1, 5, 2 })]
    [InlineData(new[] { 2, 2, 2 })]
    public void With_weights_every_run_of_clients_follows_the_weights_within_one_client(int[] weights)
    {
        var ids = weights.Select((_, i) => $"u-{i:D2}").ToList();
        var reps = ids.Select((id, i) => Rep(id) with { Weight = weights[i] }).ToDictionary(r => r.UserId);
        var received = ids.ToDictionary(id => id, _ => 0);
        var total = weights.Sum();
        string? last = null;

        for (var client = 1; client <= 500; client++)
        {
            var plan = RoutingPlanner.Plan(InTurn, reps.Values, last, WednesdayMorning);
            var chosen = plan.AssignedTo!;
            received[chosen]++;
            foreach (var (id, credit) in plan.Credits)
            {
                reps[id] = reps[id] with { Credit = credit };
            }

            last = chosen;
            foreach (var (id, index) in ids.Select((id, index) => (id, index)))
            {
                var share = (double)client * weights[index] / total;
                Assert.True(Math.Abs(received[id] - share) < 1, $"after {client} clients {id} (weight {weights[index]}) had {received[id]}, share {share:F2}");
            }
        }
    }

    [Fact]
    public void Equal_weights_above_one_share_like_the_plain_rotation()
    {
        var reps = new[] { "u-a", "u-b", "u-c" }.ToDictionary(id => id, id => Rep(id) with { Weight = 4 });
        string? last = null;
        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var plan = RoutingPlanner.Plan(InTurn, reps.Values, last, WednesdayMorning);
            foreach (var (id, credit) in plan.Credits)
            {
                reps[id] = reps[id] with { Credit = credit };
            }

            last = plan.AssignedTo;
            order.Add(last!);
        }

        Assert.Equal(["u-a", "u-b", "u-c", "u-a", "u-b", "u-c"], order);
    }

    [Fact]
    public void With_weights_a_rep_the_rotation_passed_over_for_their_share_is_skipped_for_weight_and_still_eligible()
    {
        // Boris's share is ahead (he was just served twice); the rotation after Hugo would be Boris, the weights say Carmen.
        RepSnapshot[] reps = [Rep("u-boris") with { Weight = 2, Credit = -3 }, Rep("u-carmen") with { Weight = 1, Credit = 1 }];

        var plan = RoutingPlanner.Plan(InTurn, reps, "u-a-hugo", WednesdayMorning);

        Assert.Equal("u-carmen", plan.AssignedTo);
        Assert.Equal([new RepVerdict("u-boris", SkipReason.Weight)], plan.Skipped);
        Assert.Contains("u-boris", plan.Eligible);
        Assert.Equal(new Dictionary<string, long> { ["u-boris"] = -1, ["u-carmen"] = -1 }, plan.Credits);
    }

    [Fact]
    public void Weights_combine_with_the_other_rules_a_skipped_reps_credit_stays_as_it_was()
    {
        var settings = InTurn with { OnlyOnline = true };
        RepSnapshot[] reps =
        [
            Rep("u-boris") with { Weight = 5, Credit = 7, Presence = Presence.Offline },
            Rep("u-carmen") with { Weight = 1 },
            Rep("u-dmitri") with { Weight = 2 },
        ];

        var plan = RoutingPlanner.Plan(settings, reps, null, WednesdayMorning);

        Assert.Equal("u-dmitri", plan.AssignedTo);
        Assert.False(plan.Credits.ContainsKey("u-boris"));
        Assert.Equal(new RepVerdict("u-boris", SkipReason.Offline), plan.Verdicts[0]);
    }

    [Fact]
    public void A_move_after_a_timeout_goes_to_the_next_eligible_rep_after_the_one_who_timed_out()
    {
        var settings = InTurn with { MaxUnanswered = 2 };
        RepSnapshot[] reps = [Rep("u-boris"), Rep("u-carmen") with { Unanswered = 2 }, Rep("u-dmitri"), Rep("u-farid")];

        var move = RoutingPlanner.PlanMove(settings, reps, "u-boris", ["u-boris"], WednesdayMorning);

        Assert.Equal("u-dmitri", move.AssignedTo);
        Assert.Contains(new RepVerdict("u-boris", SkipReason.TimedOut), move.Verdicts);
        Assert.Contains(new RepVerdict("u-carmen", SkipReason.AtCapacity), move.Verdicts);
    }

    [Fact]
    public void A_move_when_everyone_has_timed_out_finds_nobody()
    {
        var move = RoutingPlanner.PlanMove(InTurn, [Rep("u-boris"), Rep("u-carmen")], "u-carmen", ["u-boris", "u-carmen"], WednesdayMorning);

        Assert.Equal(RoutingOutcome.Queued, move.Outcome);
        Assert.Null(move.AssignedTo);
    }

    [Fact]
    public void The_preview_of_the_next_clients_follows_the_rotation_and_fills_capacity()
    {
        var settings = InTurn with { MaxUnanswered = 2 };
        RepSnapshot[] reps = [Rep("u-boris") with { Unanswered = 1 }, Rep("u-carmen"), Rep("u-dmitri") with { Presence = Presence.Away }];

        var plans = RoutingPlanner.Preview(settings, reps, null, WednesdayMorning, 5);

        Assert.Equal(["u-boris", "u-carmen", "u-carmen", null, null], plans.Select(p => p.AssignedTo));
        Assert.Equal(RoutingOutcome.Queued, plans[3].Outcome);
    }

    [Fact]
    public void The_preview_of_unsaved_settings_answers_for_those_settings()
    {
        RepSnapshot[] reps = [Rep("u-boris") with { Presence = Presence.Offline }, Rep("u-carmen")];

        var saved = RoutingPlanner.Preview(InTurn, reps, null, WednesdayMorning, 2);
        var draft = RoutingPlanner.Preview(InTurn with { OnlyOnline = true }, reps, null, WednesdayMorning, 2);

        Assert.Equal(["u-boris", "u-carmen"], saved.Select(p => p.AssignedTo));
        Assert.Equal(["u-carmen", "u-carmen"], draft.Select(p => p.AssignedTo));
    }

    [Fact]
    public void The_preview_with_weights_follows_the_weights()
    {
        RepSnapshot[] reps = [Rep("u-boris") with { Weight = 3 }, Rep("u-carmen")];

        var plans = RoutingPlanner.Preview(InTurn, reps, null, WednesdayMorning, 8);

        Assert.Equal(6, plans.Count(p => p.AssignedTo == "u-boris"));
        Assert.Equal(2, plans.Count(p => p.AssignedTo == "u-carmen"));
    }
}
