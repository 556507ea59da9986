using Microsoft.Extensions.Configuration;
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

    [Theory]
    [InlineData("Crm:DealUrlTemplate", "javascript:alert('{dealId}')")]
    [InlineData("Crm:ContactUrlTemplate", "data:text/html,{contactId}")]
    [InlineData("Crm:CreateDealUrlTemplate", "ftp://crm.example/new?c={contactId}")]
    public void A_CRM_link_template_that_is_not_http_or_a_local_path_stops_the_start(string key, string template)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, template)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => CrmLinks.Validate(configuration));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_templates_and_https_templates_are_accepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Crm:CreateDealUrlTemplate", "/demo-crm/deals/new?contactId={contactId}&userId={userId}"),
            new("Crm:DealUrlTemplate", "https://crm.example.com/deals/{dealId}"),
            new("Crm:ContactUrlTemplate", "/demo-crm/contacts/{contactId}"),
        ]).Build();

        CrmLinks.Validate(configuration);
    }
}
