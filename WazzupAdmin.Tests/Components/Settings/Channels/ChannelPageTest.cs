namespace WazzupAdmin.Tests.Components.Settings.Channels;

/// <summary>The channel settings pages' tests: an administrator's circuit, as every admin page test (<see cref="AdminPageTest"/>).</summary>
public abstract class ChannelPageTest : AdminPageTest;
