using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Tests.Domain;

/// <summary>Where a channel's new deals go once the CRM has replaced its pipelines.</summary>
public sealed class NewClientStageTests
{
    private static readonly StageRef NewLead = new("f-sales", "s-new");
    private static readonly StageRef Qualified = new("f-sales", "s-qualified");
    private static readonly StageRef Proposal = new("f-sales", "s-proposal");
    private static readonly StageRef Inbound = new("f-partners", "p-inbound");

    private static readonly PipelineStages Sales = new("f-sales", ["s-new", "s-qualified", "s-proposal"]);
    private static readonly PipelineStages SalesWithoutNewLead = new("f-sales", ["s-qualified", "s-proposal"]);
    private static readonly PipelineStages SalesProposalOnly = new("f-sales", ["s-proposal"]);
    private static readonly PipelineStages Partners = new("f-partners", ["p-inbound"]);
    private static readonly PipelineStages NoStages = new("f-empty", []);

    [Fact]
    public void A_chosen_stage_the_CRM_still_has_stays_the_channels_stage()
    {
        Assert.Equal(new NewClientStage(NewLead, IsChoice: true), NewClientStage.Place(NewLead, NewLead, [Partners, Sales]));
    }

    [Fact]
    public void A_removed_stage_falls_back_to_the_first_stage_of_its_funnel()
    {
        Assert.Equal(new NewClientStage(Qualified, IsChoice: false), NewClientStage.Place(NewLead, NewLead, [Partners, SalesWithoutNewLead]));
    }

    [Fact]
    public void A_removed_funnel_falls_back_to_the_first_stage_of_the_first_funnel_that_has_stages()
    {
        Assert.Equal(new NewClientStage(Qualified, IsChoice: false), NewClientStage.Place(Inbound, Inbound, [NoStages, SalesWithoutNewLead]));
    }

    [Fact]
    public void With_no_stage_left_new_deals_have_none()
    {
        Assert.Equal(new NewClientStage(null, IsChoice: false), NewClientStage.Place(NewLead, NewLead, [NoStages]));
    }

    [Fact]
    public void The_chosen_stage_sent_again_is_the_channels_stage_again()
    {
        Assert.Equal(new NewClientStage(NewLead, IsChoice: true), NewClientStage.Place(NewLead, Qualified, [Sales, Partners]));
    }

    [Fact]
    public void While_the_choice_is_missing_a_fallback_the_CRM_still_has_is_kept()
    {
        Assert.Equal(new NewClientStage(Proposal, IsChoice: false), NewClientStage.Place(NewLead, Proposal, [SalesWithoutNewLead]));
    }

    [Fact]
    public void A_removed_fallback_falls_back_again_from_the_chosen_stages_funnel()
    {
        Assert.Equal(new NewClientStage(Proposal, IsChoice: false), NewClientStage.Place(NewLead, Inbound, [SalesProposalOnly]));
    }

    [Fact]
    public void Without_a_known_choice_a_removed_fallback_falls_back_from_its_own_funnel()
    {
        Assert.Equal(new NewClientStage(Proposal, IsChoice: false), NewClientStage.Place(null, Qualified, [Partners, SalesProposalOnly]));
    }

    [Fact]
    public void A_channel_without_a_stage_gets_one_when_stages_come_back()
    {
        Assert.Equal(new NewClientStage(Inbound, IsChoice: false), NewClientStage.Place(null, null, [NoStages, Partners]));
    }
}
