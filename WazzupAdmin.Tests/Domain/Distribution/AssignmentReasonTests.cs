using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Domain.Distribution;

/// <summary>The reasons a new client's distribution is recorded with, as an administrator reads them in English.</summary>
public sealed class AssignmentReasonTests
{
    [Fact]
    public void An_in_turn_assignment_names_the_turn_and_who_was_eligible()
    {
        var reason = AssignmentReason.InTurn("Boris Ivanov", ["Boris Ivanov", "Carmen López", "Dmitri Sokolov"]);

        Assert.Equal(AssignmentReasonKind.InTurn, reason.Kind);
        Assert.Equal("In turn: turn after Boris Ivanov; eligible: Boris Ivanov, Carmen López, Dmitri Sokolov.", reason.English);
    }

    [Fact]
    public void The_first_in_turn_assignment_says_it_was_the_first_turn()
    {
        var reason = AssignmentReason.InTurn(null, ["Boris Ivanov", "Carmen López"]);

        Assert.Null(reason.Actor);
        Assert.Equal("In turn: first turn; eligible: Boris Ivanov, Carmen López.", reason.English);
    }

    [Fact]
    public void A_first_responder_offer_names_who_it_was_offered_to()
    {
        var reason = AssignmentReason.Offered(["Boris Ivanov", "Hugo Martín"]);

        Assert.Equal(AssignmentReasonKind.FirstResponderOffered, reason.Kind);
        Assert.Equal("First responder: offered to Boris Ivanov, Hugo Martín.", reason.English);
    }

    [Fact]
    public void Nobody_eligible_says_so()
    {
        var reason = AssignmentReason.NobodyEligible();

        Assert.Equal(AssignmentReasonKind.NobodyEligible, reason.Kind);
        Assert.Equal(AssignmentReason.NobodyEligibleText, reason.English);
    }
}
