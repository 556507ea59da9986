using WazzupAdmin.Domain.Security;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Domain;

public sealed class WebAddressTests
{
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("  javascript:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("vbscript:x")]
    [InlineData("//evil.example/")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_http_https_and_the_consoles_own_paths_become_links(string? value)
    {
        Assert.Null(WebAddress.SafeHref(value));
    }

    [Theory]
    [InlineData("https://crm.example/deals/1")]
    [InlineData("http://crm.example/deals/1")]
    [InlineData("/demo-crm/deals/d-1")]
    public void Http_https_and_local_paths_are_links(string value)
    {
        Assert.Equal(value, WebAddress.SafeHref(value));
    }

    [Fact]
    public void The_shipped_templates_and_https_templates_are_accepted()
    {
        var options = new CrmLinkOptions
        {
            CreateDealUrlTemplate = "/demo-crm/deals/new?contactId={contactId}&userId={userId}",
            DealUrlTemplate = "https://crm.example.com/deals/{dealId}",
            ContactUrlTemplate = "/demo-crm/contacts/{contactId}",
        };

        Assert.True(new CrmLinkOptionsValidation().Validate(null, options).Succeeded);
    }
}
