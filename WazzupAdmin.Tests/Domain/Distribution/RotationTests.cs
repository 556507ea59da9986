using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Domain.Distribution;

public sealed class RotationTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_thousand_new_clients_are_shared_evenly_one_rep_after_another_in_id_order(int repCount)
    {
        var inIdOrder = Enumerable.Range(1, repCount).Select(i => $"u-{i:D2}").ToList();
        // The eligible list comes from the store in no particular order; the rotation must not depend on it.
        var asStored = inIdOrder.Skip(repCount / 2).Concat(inIdOrder.Take(repCount / 2)).Reverse().ToList();
        var received = inIdOrder.ToDictionary(id => id, _ => 0);
        string? last = null;

        for (var client = 0; client < 1000; client++)
        {
            var next = Rotation.Next(asStored, last);

            Assert.NotNull(next);
            var expected = last is null ? inIdOrder[0] : inIdOrder[(inIdOrder.IndexOf(last) + 1) % repCount];
            Assert.Equal(expected, next);
            received[next]++;
            last = next;
        }

        Assert.True(received.Values.Max() - received.Values.Min() <= 1, string.Join(", ", received));
        Assert.Equal(1000, received.Values.Sum());
    }

    [Fact]
    public void The_first_client_goes_to_the_first_rep_in_id_order()
    {
        Assert.Equal("u-boris", Rotation.Next(["u-dmitri", "u-boris", "u-carmen"], lastAssigned: null));
    }

    [Fact]
    public void After_the_last_rep_in_the_order_the_turn_wraps_round_to_the_first()
    {
        Assert.Equal("u-boris", Rotation.Next(["u-boris", "u-carmen", "u-dmitri"], "u-dmitri"));
    }

    [Fact]
    public void A_rep_who_stops_being_eligible_is_skipped_from_the_next_client_on()
    {
        string[] everyone = ["u-boris", "u-carmen", "u-dmitri"];
        Assert.Equal("u-carmen", Rotation.Next(everyone, "u-boris"));

        string[] withoutCarmen = ["u-boris", "u-dmitri"];
        var next = Rotation.Next(withoutCarmen, "u-boris");
        var afterThat = Rotation.Next(withoutCarmen, next);

        Assert.Equal("u-dmitri", next);
        Assert.Equal("u-boris", afterThat);
    }

    [Fact]
    public void A_rep_who_becomes_eligible_joins_the_rotation_at_their_place_in_the_order()
    {
        string[] withCarmen = ["u-boris", "u-carmen", "u-dmitri"];

        // Boris just had a client: Carmen's place comes next.
        Assert.Equal("u-carmen", Rotation.Next(withCarmen, "u-boris"));
        // Dmitri just had a client: Carmen's place has passed this round, so she waits for the next one.
        Assert.Equal("u-boris", Rotation.Next(withCarmen, "u-dmitri"));
    }

    [Fact]
    public void When_the_last_assigned_rep_is_no_longer_eligible_the_rotation_continues_after_their_place()
    {
        Assert.Equal("u-dmitri", Rotation.Next(["u-boris", "u-dmitri", "u-hugo"], "u-carmen"));
        Assert.Equal("u-boris", Rotation.Next(["u-boris", "u-dmitri"], "u-hugo"));
    }

    [Fact]
    public void A_rep_listed_twice_still_takes_one_turn_per_round()
    {
        Assert.Equal("u-carmen", Rotation.Next(["u-boris", "u-boris", "u-carmen"], "u-boris"));
        Assert.Equal("u-boris", Rotation.Next(["u-boris", "u-carmen", "u-carmen"], "u-carmen"));
    }

    [Fact]
    public void With_nobody_eligible_there_is_no_turn()
    {
        Assert.Null(Rotation.Next([], lastAssigned: null));
        Assert.Null(Rotation.Next([], "u-boris"));
    }
}
