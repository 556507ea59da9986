using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace WazzupAdmin.Tests.Support;

/// <summary>
/// The login form as one visitor loaded it: its hidden fields (the antiforgery token and the form's handler name) and
/// where it posts. Loading and posting are separate so that a test can load many forms and post them all at once.
/// </summary>
public sealed class LoginForm(HttpClient client, string action, IReadOnlyList<KeyValuePair<string, string>> hiddenFields)
{
    public static Task<LoginForm> LoadAsync(HttpClient client) => LoadAsync(client, returnUrl: null);

    public static async Task<LoginForm> LoadAsync(HttpClient client, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(client);
        var loginUrl = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        using var page = await client.GetAsync(loginUrl);
        page.EnsureSuccessStatusCode();
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var form = document.Forms.FirstOrDefault(f => f.QuerySelector("input[name='Input.Password']") is not null)
            ?? throw new InvalidOperationException("The login page has no form with an Input.Password field.");

        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .ToList();
        if (!fields.Any(f => f.Key == "__RequestVerificationToken") || !fields.Any(f => f.Key == "_handler"))
        {
            throw new InvalidOperationException("The login form lacks its antiforgery token or its _handler field.");
        }

        // A form without an action posts back to the address it was loaded from, query string included.
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? loginUrl : form.GetAttribute("action")!;
        return new LoginForm(client, action, fields);
    }

    /// <summary>Fills in the form as a person would and posts it.</summary>
    public async Task<HttpResponseMessage> PostAsync(string email, string password)
    {
        using var content = new FormUrlEncodedContent([.. hiddenFields, new("Input.Email", email), new("Input.Password", password)]);
        return await client.PostAsync(action, content);
    }
}
