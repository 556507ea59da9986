namespace WazzupAdmin.Domain.Access;

/// <summary>What a user may see and write in one channel's conversations.</summary>
public enum ChannelRole
{
    NoAccess = 0,
    QualityControl = 1,
    SalesRep = 2,
    Manager = 3,
}
