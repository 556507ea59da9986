using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Data.Demo;

/// <summary>The demo company: what its CRM holds, its channels and who works them.</summary>
public static class DemoWorkspace
{
    public const string AdminEmail = "admin@wazzup.demo";
    public const string AdminPassword = "Admin-demo-2026";
    public const string UserPassword = "Demo-pass-2026";

    public sealed record DemoUser(string Id, string Name, string Phone, string Email);
    public sealed record DemoFunnel(string Id, string Name, (string Id, string Name)[] Stages);
    public sealed record DemoContact(string Id, string Name, string ResponsibleUserId, string ChatType, string ChatId);
    public sealed record DemoDeal(string Id, string Name, string ResponsibleUserId, bool Closed, string[] ContactIds, string FunnelId, string StageId);
    public sealed record DemoChannel(Guid Id, Transport Transport, string PlainId, string Name, string FunnelId, string StageId,
        DistributionAlgorithm Algorithm, (string UserId, ChannelRole Role, bool ReceivesNewClients)[] Access);

    public static readonly DemoUser[] Users =
    [
        new("u-anna", "Anna Petrova", "+34612000001", "anna@wazzup.demo"),
        new("u-boris", "Boris Ivanov", "+34612000002", "boris@wazzup.demo"),
        new("u-carmen", "Carmen López", "+34612000003", "carmen@wazzup.demo"),
        new("u-dmitri", "Dmitri Sokolov", "+34612000004", "dmitri@wazzup.demo"),
        new("u-elena", "Elena Volkova", "+34612000005", "elena@wazzup.demo"),
        new("u-farid", "Farid Khan", "+34612000006", "farid@wazzup.demo"),
        new("u-greta", "Greta Hansen", "+34612000007", "greta@wazzup.demo"),
        new("u-hugo", "Hugo Martín", "+34612000008", "hugo@wazzup.demo"),
    ];

    public static readonly DemoFunnel[] Funnels =
    [
        new("f-sales", "Sales", [("s-new", "New lead"), ("s-qualified", "Qualified"), ("s-proposal", "Proposal"), ("s-negotiation", "Negotiation"), ("s-won", "Won")]),
        new("f-partners", "Partners", [("p-inbound", "Inbound request"), ("p-meeting", "Meeting"), ("p-contract", "Contract")]),
    ];

    public static readonly DemoContact[] Contacts =
    [
        new("c-1001", "Lucía Fernández", "u-boris", "whatsapp", "34600111222"),
        new("c-1002", "Marco Rossi", "u-carmen", "whatsapp", "393401234567"),
        new("c-1003", "Olga Smirnova", "u-dmitri", "telegram", "olga_smirnova"),
        new("c-1004", "Pedro Alves", "u-boris", "instagram", "pedro.alves"),
        new("c-1005", "Quentin Moreau", "u-hugo", "whatsapp", "33612345678"),
        new("c-1006", "Rita Schulz", "u-carmen", "telegram", "rita_schulz"),
        new("c-1007", "Samir Haddad", "u-dmitri", "whatsapp", "971501234567"),
        new("c-1008", "Tanya Orlova", "u-hugo", "instagram", "tanya.orlova"),
        new("c-1009", "Umberto Eco Doors", "u-anna", "whatsapp", "390612345678"),
        new("c-1010", "Valeria Gómez", "u-boris", "telegram", "valeria_gomez"),
        new("c-1011", "Walter Novak", "u-farid", "whatsapp", "420601234567"),
        new("c-1012", "Ximena Ruiz", "u-carmen", "instagram", "ximena.ruiz"),
    ];

    public static readonly DemoDeal[] Deals =
    [
        new("d-2001", "Lucía: interior doors", "u-boris", false, ["c-1001"], "f-sales", "s-proposal"),
        new("d-2002", "Lucía: oak flooring", "u-carmen", false, ["c-1001"], "f-sales", "s-qualified"),
        new("d-2003", "Marco: kitchen refit", "u-carmen", true, ["c-1002"], "f-sales", "s-won"),
        new("d-2004", "Olga: office chairs", "u-dmitri", false, ["c-1003"], "f-sales", "s-negotiation"),
        new("d-2005", "Pedro: summer collection", "u-boris", true, ["c-1004"], "f-sales", "s-won"),
        new("d-2006", "Pedro: wholesale order", "u-boris", false, ["c-1004"], "f-sales", "s-proposal"),
        new("d-2007", "Quentin: windows", "u-hugo", false, ["c-1005"], "f-sales", "s-new"),
        new("d-2008", "Rita: renewal 2027", "u-carmen", false, ["c-1006"], "f-partners", "p-contract"),
        new("d-2009", "Samir: showroom fit-out", "u-dmitri", false, ["c-1007"], "f-sales", "s-qualified"),
        new("d-2010", "Tanya: influencer bundle", "u-hugo", true, ["c-1008"], "f-partners", "p-contract"),
        new("d-2011", "Umberto: dealer agreement", "u-anna", false, ["c-1009"], "f-partners", "p-meeting"),
        new("d-2012", "Valeria: garden furniture", "u-boris", false, ["c-1010"], "f-sales", "s-new"),
        new("d-2013", "Walter: spare parts", "u-farid", true, ["c-1011"], "f-sales", "s-won"),
        new("d-2014", "Ximena: gift cards", "u-carmen", false, ["c-1012"], "f-partners", "p-inbound"),
        new("d-2015", "Lucía and Marco: joint order", "u-boris", false, ["c-1001", "c-1002"], "f-sales", "s-negotiation"),
    ];

    public static readonly DemoChannel[] Channels =
    [
        new(Guid.Parse("9a1d6c0e-0000-4000-8000-000000000001"), Transport.WhatsApp, "+34612345678", "Sales WhatsApp", "f-sales", "s-new",
            DistributionAlgorithm.FirstResponder,
            [("u-anna", ChannelRole.Manager, false), ("u-boris", ChannelRole.SalesRep, true), ("u-carmen", ChannelRole.SalesRep, true),
             ("u-dmitri", ChannelRole.SalesRep, true), ("u-elena", ChannelRole.QualityControl, false), ("u-farid", ChannelRole.SalesRep, false),
             ("u-hugo", ChannelRole.SalesRep, true)]),
        new(Guid.Parse("9a1d6c0e-0000-4000-8000-000000000002"), Transport.Telegram, "wazzup_sales", "Sales Telegram", "f-sales", "s-qualified",
            DistributionAlgorithm.InTurn,
            [("u-anna", ChannelRole.Manager, false), ("u-boris", ChannelRole.SalesRep, true), ("u-carmen", ChannelRole.SalesRep, true),
             ("u-dmitri", ChannelRole.SalesRep, true), ("u-elena", ChannelRole.QualityControl, false)]),
        new(Guid.Parse("9a1d6c0e-0000-4000-8000-000000000003"), Transport.Instagram, "wazzup.store", "Store Instagram", "f-partners", "p-inbound",
            DistributionAlgorithm.InTurn,
            [("u-greta", ChannelRole.Manager, false), ("u-boris", ChannelRole.SalesRep, true), ("u-hugo", ChannelRole.SalesRep, true),
             ("u-carmen", ChannelRole.SalesRep, true), ("u-elena", ChannelRole.QualityControl, false)]),
    ];

    /// <summary>The demo's CRM address for a deal or contact; the links lead to small demo CRM pages inside the app.</summary>
    public static string DealUri(string dealId) => $"/demo-crm/deals/{dealId}";

    public static string ContactUri(string contactId) => $"/demo-crm/contacts/{contactId}";

    public static string SignInSummary()
    {
        var lines = new List<string>
        {
            "Demo workspace created. Sign in with:",
            $"  {AdminEmail,-22} {AdminPassword}   (administrator)",
        };
        lines.AddRange(Users.Select(u => $"  {u.Email,-22} {UserPassword}   ({u.Name})"));
        return string.Join(Environment.NewLine, lines);
    }
}
