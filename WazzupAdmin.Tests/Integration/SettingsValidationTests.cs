using Microsoft.Extensions.Options;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>A console configured with a value it cannot use refuses to start, and says which setting is wrong.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        // Key, value, the setting the message names.
        { "Crm:DealUrlTemplate", "javascript:alert('{dealId}')", "Crm:DealUrlTemplate" },
        { "Crm:ContactUrlTemplate", "data:text/html,{contactId}", "Crm:ContactUrlTemplate" },
        { "Crm:CreateDealUrlTemplate", "ftp://crm.example/new?c={contactId}", "Crm:CreateDealUrlTemplate" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_console_at_start_with_a_message_naming_it(string key, string value, string setting)
    {
        await using var app = new AppFactory { Settings = new Dictionary<string, string?> { [key] = value } };

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
