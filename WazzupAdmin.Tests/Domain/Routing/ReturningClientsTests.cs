using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Tests.Domain.Routing;

[Trait("Category", "Routing")]
public sealed class ReturningClientsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);
    private static readonly ResponsibleState There = new(Exists: true, HasAccess: true, AwaySince: null, DaysOff: []);

    [Fact]
    public void A_responsible_at_work_is_there()
    {
        Assert.Null(ReturningClients.Absence(There, Grace, Today, Now));
        Assert.Null(ReturningClients.Absence(There with { DaysOff = [Today.AddDays(1)] }, Grace, Today, Now));
    }

    [Fact]
    public void Deleted_without_access_on_a_day_off_or_away_past_the_grace_period_is_gone_with_the_reason()
    {
        Assert.Equal(SkipReason.Deleted, ReturningClients.Absence(There with { Exists = false }, Grace, Today, Now));
        Assert.Equal(SkipReason.NoAccess, ReturningClients.Absence(There with { HasAccess = false }, Grace, Today, Now));
        Assert.Equal(SkipReason.DayOff, ReturningClients.Absence(There with { DaysOff = [Today] }, Grace, Today, Now));
        Assert.Equal(SkipReason.Away, ReturningClients.Absence(There with { AwaySince = Now.AddMinutes(-1) }, Grace, Today, Now));
    }

    [Fact]
    public void A_short_away_within_the_grace_period_is_not_leaving()
    {
        Assert.Null(ReturningClients.Absence(There with { AwaySince = Now.AddSeconds(-30) }, Grace, Today, Now));
    }
}
