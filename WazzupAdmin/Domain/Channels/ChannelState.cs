namespace WazzupAdmin.Domain.Channels;

/// <summary>A channel's state, as the real product's API reports it.</summary>
public enum ChannelState
{
    Active,
    Init,
    Disabled,
    PhoneUnavailable,
    Qr,
    OpenElsewhere,
    NotEnoughMoney,
    ForeignPhone,
    Unauthorized,
    WaitForPassword,
}

public static class ChannelStateNames
{
    public static string ApiName(this ChannelState state) => state switch
    {
        ChannelState.ForeignPhone => "foreignphone",
        _ => char.ToLowerInvariant(state.ToString()[0]) + state.ToString()[1..],
    };
}
