using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WazzupAdmin.Extensions;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>A console configured with a value it cannot use refuses to start, and says which setting is wrong.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        // Key, value, the setting the message names.
        { "Iframe:FrameAncestors:0", "crm.example.com", "Iframe:FrameAncestors" },
        { "Iframe:FrameAncestors", "https://crm.example.com javascript:alert(1)", "Iframe:FrameAncestors" },
        { "Crm:DealUrlTemplate", "javascript:alert('{dealId}')", "Crm:DealUrlTemplate" },
        { "Crm:ContactUrlTemplate", "data:text/html,{contactId}", "Crm:ContactUrlTemplate" },
        { "Crm:CreateDealUrlTemplate", "ftp://crm.example/new?c={contactId}", "Crm:CreateDealUrlTemplate" },
        { "MessageStatuses:DeliveredAfter", "-00:00:01", "MessageStatuses:DeliveredAfter" },
        { "MessageStatuses:ReadAfter", "2.00:00:00", "MessageStatuses:ReadAfter" },
        { "MessageStatuses:PollInterval", "00:00:00", "MessageStatuses:PollInterval" },
        { "DataProtection:KeysFolder", " ", "DataProtection:KeysFolder" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_console_at_start_with_a_message_naming_it(string key, string value, string setting)
    {
        await using var app = new AppFactory { Settings = new Dictionary<string, string?> { [key] = value } };

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_demo_switch_that_is_neither_true_nor_false_stops_the_console_at_start()
    {
        await using var app = new AppFactory { SeedDemo = false, Settings = new Dictionary<string, string?> { ["Demo:Seed"] = "maybe" } };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("Demo:Seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_string_of_frame_ancestors_as_an_environment_variable_gives_is_a_list_of_origins()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(IframeOptions.FrameAncestorsKey, "https://crm.example.com/, https://*.example.org https://crm.example.com")])
            .Build();
        var options = new IframeOptions();

        IframeOptions.Bind(options, configuration);

        Assert.Equal(["https://crm.example.com", "https://*.example.org"], options.Origins);
        Assert.True(new IframeOptionsValidation().Validate(null, options).Succeeded);
    }
}
