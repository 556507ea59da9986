using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Domain.Distribution;

/// <summary>Which of a client's offers, offer timeout and place in the queue each event clears.</summary>
public sealed class OfferEndTests
{
    public static TheoryData<OfferEndCause, bool, bool, bool> Ends => new()
    {
        // Cause, offers, timeout, queue.
        { OfferEndCause.Claimed, true, true, false },
        { OfferEndCause.Assigned, true, true, true },
        { OfferEndCause.SetByCrm, true, true, false },
        { OfferEndCause.Answered, false, true, false },
    };

    [Theory]
    [MemberData(nameof(Ends))]
    public void Someone_taking_the_client_ends_the_offers_and_any_answer_ends_the_timeout(OfferEndCause cause, bool offers, bool timeout, bool queue) =>
        Assert.Equal(new OfferEnd(offers, timeout, queue), OfferEnd.When(cause));
}
