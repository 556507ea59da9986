namespace WazzupAdmin.Data.Demo;

/// <summary>
/// The <c>Demo</c> configuration section. <see cref="Seed"/> (on unless set to false) fills an empty store with the
/// demo workspace when the console starts and keeps its WABA templates; off, the console starts only with an
/// administrator account made by the <c>create-admin</c> command.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; } = true;
}
