using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace WazzupAdmin.Tests.Support;

/// <summary>Posts one of the forms a page rendered, with its hidden fields (the antiforgery token among them), as a browser would.</summary>
public static class PageForms
{
    /// <summary>Loads <paramref name="pageUrl"/> and posts its form whose action ends with <paramref name="actionEnd"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string pageUrl, string actionEnd, params KeyValuePair<string, string>[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var page = await client.GetAsync(pageUrl);
        page.EnsureSuccessStatusCode();
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var form = document.Forms.FirstOrDefault(f => f.GetAttribute("action")?.EndsWith(actionEnd, StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException($"{pageUrl} has no form posting to {actionEnd}.");
        var hidden = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name) && !fields.Any(f => f.Key == i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        // A relative action resolves against the page's <base href>, as the browser resolves it.
        var pageAddress = new Uri(client.BaseAddress!, pageUrl);
        var baseAddress = document.QuerySelector("base")?.GetAttribute("href") is { } href ? new Uri(pageAddress, href) : pageAddress;
        using var content = new FormUrlEncodedContent([.. hidden, .. fields]);
        return await client.PostAsync(new Uri(baseAddress, form.GetAttribute("action")!), content);
    }
}
