using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Domain.Distribution;

/// <summary>Who a client's new deal is with when their responsible user changes.</summary>
public sealed class HandoverTests
{
    public static TheoryData<HandoverKind, string?, string?, string?, string?> Deals => new()
    {
        // Kind, contact from, contact to, deal before, deal after.
        { HandoverKind.Claimed, null, "u-boris", null, "u-boris" },
        { HandoverKind.Claimed, null, "u-boris", "u-anna", "u-boris" },
        { HandoverKind.Assigned, "u-boris", "u-carmen", "u-boris", "u-carmen" },
        { HandoverKind.Assigned, "u-boris", "u-carmen", "u-anna", "u-carmen" },
        { HandoverKind.TimedOut, "u-boris", "u-carmen", "u-boris", "u-carmen" },
        { HandoverKind.TimedOut, "u-boris", null, "u-boris", null },
        { HandoverKind.TimedOut, "u-boris", "u-carmen", "u-anna", "u-anna" },
        { HandoverKind.FromQueue, null, "u-dmitri", null, "u-dmitri" },
        { HandoverKind.FromQueue, null, "u-dmitri", "u-anna", "u-anna" },
        { HandoverKind.Returning, "u-hugo", "u-boris", "u-hugo", "u-boris" },
        { HandoverKind.Returning, "u-hugo", null, "u-hugo", null },
        { HandoverKind.Returning, "u-hugo", "u-boris", "u-anna", "u-anna" },
    };

    [Theory]
    [MemberData(nameof(Deals))]
    public void An_explicit_choice_takes_the_deal_along_and_an_automatic_move_only_while_the_deal_was_with_the_contacts_user(
        HandoverKind kind, string? from, string? to, string? dealBefore, string? dealAfter) =>
        Assert.Equal(dealAfter, new Handover(from, to, kind).DealAfter(dealBefore));
}
