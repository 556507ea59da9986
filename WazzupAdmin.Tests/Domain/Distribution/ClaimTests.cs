using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Domain.Distribution;

/// <summary>What a reply in the chat window does, decided on the replying user's view of the conversation as read.</summary>
public sealed class ClaimTests
{
    private const string Boris = "u-boris";
    private const string Carmen = "u-carmen";

    private static readonly ClaimHistory RaceLost = new(OfferedUnassigned: true, AssignedToResponsible: true);

    private static ReplyView View(ChannelRole role, string? responsible, IReadOnlyCollection<string> offeredTo, bool receivesNewClients = true) =>
        new(ChannelAccessRules.For(Boris, role, new ConversationOwnership(responsible, offeredTo)), role, receivesNewClients, responsible);

    [Fact]
    public void A_reps_reply_to_an_unclaimed_client_offered_to_them_claims_it() =>
        Assert.Equal(ReplyOutcome.Claimed, Claim.OfReply(View(ChannelRole.SalesRep, null, [Boris, Carmen]), history: null));

    [Fact]
    public void A_reps_reply_to_their_own_client_is_sent_without_a_claim() =>
        Assert.Equal(ReplyOutcome.Sent, Claim.OfReply(View(ChannelRole.SalesRep, Boris, []), history: null));

    [Fact]
    public void A_managers_reply_to_an_unclaimed_client_is_sent_and_claims_nothing() =>
        Assert.Equal(ReplyOutcome.Sent, Claim.OfReply(View(ChannelRole.Manager, null, [Carmen]), history: null));

    [Fact]
    public void Quality_control_sees_the_client_but_its_reply_is_blocked() =>
        Assert.Equal(ReplyOutcome.WriteBlocked, Claim.OfReply(View(ChannelRole.QualityControl, Carmen, []), history: null));

    [Fact]
    public void A_rep_who_was_offered_the_client_and_replied_second_learns_it_was_taken()
    {
        // Carmen's reply landed first: the offers are gone and she is responsible.
        var view = View(ChannelRole.SalesRep, Carmen, []);

        Assert.True(view.MayHaveLostRace);
        Assert.Equal(ReplyOutcome.TakenMeanwhile, Claim.OfReply(view, RaceLost));
        Assert.True(Claim.LostRace(view, RaceLost));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Another_reps_client_that_was_never_won_in_a_race_is_no_access(bool offeredUnassigned, bool assignedToResponsible)
    {
        var view = View(ChannelRole.SalesRep, Carmen, []);

        Assert.Equal(ReplyOutcome.NoAccess, Claim.OfReply(view, new ClaimHistory(offeredUnassigned, assignedToResponsible)));
    }

    [Fact]
    public void A_rep_who_does_not_receive_new_clients_was_in_no_race_and_needs_no_history()
    {
        var view = View(ChannelRole.SalesRep, Carmen, [], receivesNewClients: false);

        Assert.False(view.MayHaveLostRace);
        Assert.Equal(ReplyOutcome.NoAccess, Claim.OfReply(view, RaceLost));
    }

    [Fact]
    public void An_unassigned_client_not_offered_to_the_rep_was_taken_by_nobody()
    {
        var view = View(ChannelRole.SalesRep, null, [Carmen]);

        Assert.False(view.MayHaveLostRace);
        Assert.Equal(ReplyOutcome.NoAccess, Claim.OfReply(view, RaceLost));
    }

    [Fact]
    public void Someone_without_access_to_the_channel_learns_nothing_of_who_has_the_client() =>
        Assert.Equal(ReplyOutcome.NoAccess, Claim.OfReply(View(ChannelRole.NoAccess, Carmen, []), RaceLost));

    [Fact]
    public void A_crm_message_claims_only_as_a_user_offered_the_unclaimed_client()
    {
        Assert.True(Claim.ByCrmMessage(Boris, new ConversationOwnership(null, [Boris, Carmen])));
        Assert.False(Claim.ByCrmMessage(Boris, new ConversationOwnership(null, [Carmen])));
        Assert.False(Claim.ByCrmMessage(Boris, new ConversationOwnership(Carmen, [Boris])));
        Assert.False(Claim.ByCrmMessage(null, new ConversationOwnership(null, [Boris])));
    }

    [Fact]
    public void The_claims_reason_names_who_replied_first_and_everyone_offered_in_the_order_of_their_ids()
    {
        var names = new Dictionary<string, string> { [Boris] = "Boris Ivanov", [Carmen] = "Carmen López" };

        var reason = Claim.Reason(Carmen, [Carmen, "u-hugo", Boris], names);

        Assert.Equal(AssignmentReasonKind.FirstResponderClaimed, reason.Kind);
        Assert.Equal("First responder: Carmen López replied first; it was offered to Boris Ivanov, Carmen López, u-hugo.", reason.English);
    }
}
