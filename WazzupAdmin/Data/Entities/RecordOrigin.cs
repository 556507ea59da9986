namespace WazzupAdmin.Data.Entities;

/// <summary>
/// Who created a contact or a deal in the store. The CRM owns both, but the console also writes some of its own: the
/// contact and deal of a new client, a deal made on the demo CRM's New deal page, and the seeded demo. An upsert by the
/// CRM later updates such a record without changing where it came from.
/// </summary>
public enum RecordOrigin
{
    /// <summary>Pushed by the CRM through the API; the record's <c>OriginSource</c> names the API key.</summary>
    Crm,

    /// <summary>Created by the console for a client who wrote to a channel for the first time.</summary>
    NewClient,

    /// <summary>Created on the demo CRM's New deal page.</summary>
    DemoNewDealPage,

    /// <summary>The demo workspace's CRM data, seeded or refreshed from the demo CRM.</summary>
    DemoSeed,
}
