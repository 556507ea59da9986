using Microsoft.AspNetCore.Identity;

namespace WazzupAdmin.Data;

/// <summary>A sign-in account, optionally linked to the CRM user it acts as in the chat window.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string? CrmUserId { get; set; }
}
