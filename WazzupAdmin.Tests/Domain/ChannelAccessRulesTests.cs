using WazzupAdmin.Domain.Access;

namespace WazzupAdmin.Tests.Domain;

public sealed class ChannelAccessRulesTests
{
    private const string Me = "u-boris";
    private const string OtherRep = "u-carmen";

    public enum Conversation
    {
        MyClient,
        AnotherRepsClient,
        UnassignedOfferedToMe,
        UnassignedNotOfferedToMe,
    }

    /// <summary>The roles table of the domain, one row per role and kind of conversation: see, write, claim.</summary>
    public static TheoryData<ChannelRole, Conversation, bool, bool, bool> RolesTable => new()
    {
        { ChannelRole.NoAccess, Conversation.MyClient, false, false, false },
        { ChannelRole.NoAccess, Conversation.AnotherRepsClient, false, false, false },
        { ChannelRole.NoAccess, Conversation.UnassignedOfferedToMe, false, false, false },
        { ChannelRole.NoAccess, Conversation.UnassignedNotOfferedToMe, false, false, false },

        { ChannelRole.QualityControl, Conversation.MyClient, true, false, false },
        { ChannelRole.QualityControl, Conversation.AnotherRepsClient, true, false, false },
        { ChannelRole.QualityControl, Conversation.UnassignedOfferedToMe, true, false, false },
        { ChannelRole.QualityControl, Conversation.UnassignedNotOfferedToMe, true, false, false },

        { ChannelRole.SalesRep, Conversation.MyClient, true, true, false },
        { ChannelRole.SalesRep, Conversation.AnotherRepsClient, false, false, false },
        { ChannelRole.SalesRep, Conversation.UnassignedOfferedToMe, true, true, true },
        { ChannelRole.SalesRep, Conversation.UnassignedNotOfferedToMe, false, false, false },

        { ChannelRole.Manager, Conversation.MyClient, true, true, false },
        { ChannelRole.Manager, Conversation.AnotherRepsClient, true, true, false },
        { ChannelRole.Manager, Conversation.UnassignedOfferedToMe, true, true, false },
        { ChannelRole.Manager, Conversation.UnassignedNotOfferedToMe, true, true, false },
    };

    [Theory]
    [MemberData(nameof(RolesTable))]
    public void Each_role_sees_writes_and_claims_as_the_roles_table_says(
        ChannelRole role, Conversation conversation, bool canSee, bool canWrite, bool canClaim)
    {
        var permissions = ChannelAccessRules.For(Me, role, Ownership(conversation));

        Assert.Equal(new ConversationPermissions(canSee, canWrite, canClaim), permissions);
    }

    [Fact]
    public void SalesRep_cannot_write_to_another_reps_client()
    {
        var permissions = ChannelAccessRules.For(Me, ChannelRole.SalesRep, ConversationOwnership.ResponsibleIs(OtherRep));

        Assert.False(permissions.CanSee);
        Assert.False(permissions.CanWrite);
    }

    [Fact]
    public void SalesRep_writes_to_their_own_client()
    {
        var permissions = ChannelAccessRules.For(Me, ChannelRole.SalesRep, ConversationOwnership.ResponsibleIs(Me));

        Assert.True(permissions.CanWrite);
        Assert.False(permissions.CanClaim);
    }

    [Fact]
    public void SalesRep_claims_a_new_client_offered_to_them_by_replying()
    {
        var permissions = ChannelAccessRules.For(Me, ChannelRole.SalesRep, new ConversationOwnership(null, [OtherRep, Me]));

        Assert.Equal(new ConversationPermissions(CanSee: true, CanWrite: true, CanClaim: true), permissions);
    }

    [Fact]
    public void SalesRep_loses_an_offered_client_once_another_rep_claims_it()
    {
        var claimed = new ConversationOwnership(OtherRep, [OtherRep, Me]);

        Assert.Equal(ConversationPermissions.None, ChannelAccessRules.For(Me, ChannelRole.SalesRep, claimed));
    }

    [Fact]
    public void SalesRep_does_not_see_an_unassigned_client_nobody_offered_them()
    {
        Assert.Equal(ConversationPermissions.None, ChannelAccessRules.For(Me, ChannelRole.SalesRep, ConversationOwnership.Unassigned));
    }

    [Fact]
    public void User_ids_are_compared_exactly()
    {
        var permissions = ChannelAccessRules.For("U-BORIS", ChannelRole.SalesRep, ConversationOwnership.ResponsibleIs(Me));

        Assert.Equal(ConversationPermissions.None, permissions);
    }

    [Fact]
    public void QualityControl_sees_everything_and_writes_to_nobody()
    {
        var permissions = ChannelAccessRules.For(Me, ChannelRole.QualityControl, ConversationOwnership.ResponsibleIs(OtherRep));

        Assert.True(permissions.CanSee);
        Assert.False(permissions.CanWrite);
    }

    [Fact]
    public void Manager_writes_to_any_client()
    {
        var permissions = ChannelAccessRules.For(Me, ChannelRole.Manager, ConversationOwnership.ResponsibleIs(OtherRep));

        Assert.True(permissions.CanWrite);
    }

    [Fact]
    public void A_user_without_access_sees_nothing_of_the_channel()
    {
        Assert.Equal(ConversationPermissions.None, ChannelAccessRules.For(Me, ChannelRole.NoAccess, ConversationOwnership.ResponsibleIs(Me)));
    }

    [Theory]
    [InlineData(ChannelRole.NoAccess, true, false)]
    [InlineData(ChannelRole.NoAccess, false, false)]
    [InlineData(ChannelRole.QualityControl, true, false)]
    [InlineData(ChannelRole.QualityControl, false, false)]
    [InlineData(ChannelRole.SalesRep, true, true)]
    [InlineData(ChannelRole.SalesRep, false, false)]
    [InlineData(ChannelRole.Manager, true, false)]
    [InlineData(ChannelRole.Manager, false, false)]
    public void Only_sales_reps_with_receives_new_clients_on_are_eligible(ChannelRole role, bool receivesNewClients, bool eligible)
    {
        Assert.Equal(eligible, ChannelAccessRules.IsEligibleForNewClients(role, receivesNewClients));
    }

    private static ConversationOwnership Ownership(Conversation conversation) => conversation switch
    {
        Conversation.MyClient => ConversationOwnership.ResponsibleIs(Me),
        Conversation.AnotherRepsClient => ConversationOwnership.ResponsibleIs(OtherRep),
        Conversation.UnassignedOfferedToMe => new ConversationOwnership(null, [Me]),
        Conversation.UnassignedNotOfferedToMe => new ConversationOwnership(null, [OtherRep]),
        _ => throw new ArgumentOutOfRangeException(nameof(conversation)),
    };

    [Theory]
    [InlineData(ChannelRole.SalesRep, true)]
    [InlineData(ChannelRole.Manager, true)]
    [InlineData(ChannelRole.QualityControl, false)]
    [InlineData(ChannelRole.NoAccess, false)]
    public void Sales_reps_and_managers_answer_a_channels_clients(ChannelRole role, bool answers) =>
        Assert.Equal(answers, ChannelAccessRules.AnswersClients(role));

    [Theory]
    [InlineData(true, ChannelRole.NoAccess, true)]
    [InlineData(false, ChannelRole.Manager, true)]
    [InlineData(false, ChannelRole.SalesRep, false)]
    [InlineData(false, ChannelRole.QualityControl, false)]
    [InlineData(false, ChannelRole.NoAccess, false)]
    public void Administrators_and_the_channels_managers_may_assign_its_clients(bool administrator, ChannelRole role, bool mayAssign) =>
        Assert.Equal(mayAssign, ChannelAccessRules.MayAssign(administrator, role));
}
