using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Domain.Distribution;

/// <summary>An assignment of a client to a sales rep, checked against the view it was made on.</summary>
public sealed class ReassignmentTests
{
    private const string Boris = "u-boris";
    private const string Carmen = "u-carmen";
    private const string Dmitri = "u-dmitri";

    [Fact]
    public void An_unassigned_client_is_assigned() =>
        Assert.Equal(ReassignmentOutcome.Assign, Reassignment.Decide(new ClientHolders(null, Offered: true, HasNewDeal: true, null), null, Boris));

    [Fact]
    public void A_client_claimed_after_the_view_was_read_is_not_taken_from_whoever_claimed_them() =>
        Assert.Equal(ReassignmentOutcome.Stale, Reassignment.Decide(new ClientHolders(Carmen, false, true, Carmen), seenResponsible: null, Boris));

    [Fact]
    public void A_client_reassigned_to_someone_else_after_the_view_was_read_is_stale() =>
        Assert.Equal(ReassignmentOutcome.Stale, Reassignment.Decide(new ClientHolders(Dmitri, false, true, Dmitri), seenResponsible: Carmen, Boris));

    [Fact]
    public void A_client_still_with_whom_the_view_showed_moves_to_the_chosen_rep() =>
        Assert.Equal(ReassignmentOutcome.Assign, Reassignment.Decide(new ClientHolders(Carmen, false, true, Carmen), seenResponsible: Carmen, Boris));

    [Theory]
    [InlineData(false, false, null)]
    [InlineData(false, true, Boris)]
    public void A_client_who_is_the_reps_already_with_nothing_offered_is_left_as_it_is(bool offered, bool hasNewDeal, string? dealResponsible) =>
        Assert.Equal(ReassignmentOutcome.Unchanged, Reassignment.Decide(new ClientHolders(Boris, offered, hasNewDeal, dealResponsible), null, Boris));

    [Theory]
    [InlineData(true, true, Boris)]
    [InlineData(false, true, Carmen)]
    [InlineData(false, true, null)]
    public void A_client_who_is_the_reps_with_offers_left_or_the_deal_elsewhere_is_assigned_again_and_never_stale(
        bool offered, bool hasNewDeal, string? dealResponsible) =>
        Assert.Equal(ReassignmentOutcome.Assign, Reassignment.Decide(new ClientHolders(Boris, offered, hasNewDeal, dealResponsible), seenResponsible: Carmen, Boris));
}
