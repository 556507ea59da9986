using Microsoft.Extensions.Options;
using WazzupAdmin.Domain.Security;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// The <c>Crm</c> configuration section: the CRM's addresses that the chat window and new clients' records link to,
/// as templates (see <see cref="CrmLinks"/> for the placeholders). Checked when the app starts.
/// </summary>
public sealed class CrmLinkOptions
{
    public const string Section = "Crm";

    /// <summary>The CRM's "create deal" address, with <c>{contactId}</c> and <c>{userId}</c>.</summary>
    public string? CreateDealUrlTemplate { get; set; }

    /// <summary>The CRM's address of a deal, with <c>{dealId}</c>.</summary>
    public string? DealUrlTemplate { get; set; }

    /// <summary>The CRM's address of a contact, with <c>{contactId}</c>.</summary>
    public string? ContactUrlTemplate { get; set; }
}

/// <summary>
/// Refuses to start with a template that is neither an http or https address nor a path of the console: every link
/// the chat window and the CRM page show is built from these.
/// </summary>
public sealed class CrmLinkOptionsValidation : IValidateOptions<CrmLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, CrmLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, template) in new[]
                 {
                     (nameof(options.CreateDealUrlTemplate), options.CreateDealUrlTemplate),
                     (nameof(options.DealUrlTemplate), options.DealUrlTemplate),
                     (nameof(options.ContactUrlTemplate), options.ContactUrlTemplate),
                 })
        {
            if (!string.IsNullOrWhiteSpace(template) && WebAddress.SafeHref(template) is null)
            {
                failures.Add($"{CrmLinkOptions.Section}:{key} must be an absolute http or https address or a path of the console such as /demo-crm/deals/{{dealId}}; not valid: {template}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
