using MudBlazor;

namespace WazzupAdmin.Components.Layout;

public static class AppTheme
{
    // Colours chosen for a contrast ratio of at least 4.5:1 against white text and backgrounds (WCAG AA).
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1B5E20",
            Secondary = "#4A148C",
            AppbarBackground = "#1B5E20",
            Success = "#1B5E20",
            Warning = "#8A4B00",
            Error = "#B00020",
            Info = "#01579B",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
    };
}
