using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Domain.Distribution;

public sealed class NewClientDistributionTests
{
    [Fact]
    public void In_turn_assigns_the_rep_whose_turn_it_is_and_offers_to_nobody_else()
    {
        var decision = NewClientDistribution.Decide(DistributionAlgorithm.InTurn, ["u-dmitri", "u-boris", "u-carmen"], "u-boris");

        Assert.Equal("u-carmen", decision.AssignedTo);
        Assert.Empty(decision.OfferedTo);
        Assert.False(decision.IsUnassigned);
    }

    [Fact]
    public void First_responder_offers_to_every_eligible_rep_and_assigns_nobody()
    {
        var decision = NewClientDistribution.Decide(DistributionAlgorithm.FirstResponder, ["u-hugo", "u-boris", "u-dmitri", "u-carmen"], "u-boris");

        Assert.Null(decision.AssignedTo);
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-hugo"], decision.OfferedTo);
        Assert.False(decision.IsUnassigned);
    }

    [Theory]
    [InlineData(DistributionAlgorithm.InTurn)]
    [InlineData(DistributionAlgorithm.FirstResponder)]
    public void With_nobody_eligible_the_client_stays_unassigned(DistributionAlgorithm algorithm)
    {
        var decision = NewClientDistribution.Decide(algorithm, [], "u-boris");

        Assert.Null(decision.AssignedTo);
        Assert.Empty(decision.OfferedTo);
        Assert.True(decision.IsUnassigned);
        Assert.Equal(AssignmentReasonKind.NobodyEligible, decision.Reason.Kind);
        Assert.Equal(AssignmentReason.NobodyEligibleText, decision.Reason.English);
    }

    [Fact]
    public void The_reason_for_an_in_turn_assignment_names_the_algorithm_the_turn_and_who_was_eligible()
    {
        var decision = NewClientDistribution.Decide(DistributionAlgorithm.InTurn, ["u-dmitri", "u-boris", "u-carmen"], "u-boris");

        Assert.Equal(AssignmentReasonKind.InTurn, decision.Reason.Kind);
        Assert.Equal("u-boris", decision.Reason.Actor);
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri"], decision.Reason.Names);
        Assert.Equal("In turn: turn after u-boris; eligible: u-boris, u-carmen, u-dmitri.", decision.Reason.English);
    }

    [Fact]
    public void The_reason_for_the_first_in_turn_assignment_says_it_was_the_first_turn()
    {
        var decision = NewClientDistribution.Decide(DistributionAlgorithm.InTurn, ["u-carmen", "u-boris"], lastAssigned: null);

        Assert.Equal("u-boris", decision.AssignedTo);
        Assert.Null(decision.Reason.Actor);
        Assert.Equal(["u-boris", "u-carmen"], decision.Reason.Names);
        Assert.Equal("In turn: first turn; eligible: u-boris, u-carmen.", decision.Reason.English);
    }

    [Fact]
    public void The_reason_names_the_reps_by_the_names_it_is_given()
    {
        var names = new Dictionary<string, string> { ["u-boris"] = "Boris Ivanov", ["u-carmen"] = "Carmen López", ["u-farid"] = "Farid Khan" };

        var decision = NewClientDistribution.Decide(DistributionAlgorithm.InTurn, ["u-carmen", "u-boris"], "u-farid", id => names[id]);

        Assert.Equal("Farid Khan", decision.Reason.Actor);
        Assert.Equal(["Boris Ivanov", "Carmen López"], decision.Reason.Names);
    }

    [Fact]
    public void The_reason_for_a_first_responder_offer_names_the_algorithm_and_who_was_eligible()
    {
        var decision = NewClientDistribution.Decide(DistributionAlgorithm.FirstResponder, ["u-hugo", "u-boris"], lastAssigned: null);

        Assert.Equal(AssignmentReasonKind.FirstResponderOffered, decision.Reason.Kind);
        Assert.Equal(["u-boris", "u-hugo"], decision.Reason.Names);
        Assert.Equal("First responder: offered to u-boris, u-hugo.", decision.Reason.English);
    }
}
