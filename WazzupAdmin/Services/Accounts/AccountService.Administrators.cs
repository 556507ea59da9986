using WazzupAdmin.Data;
using WazzupAdmin.Services.Audit;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Accounts;

/// <summary>
/// Giving and taking the administrator role, and deleting accounts: the changes that could leave the console without
/// an administrator or shut out the administrator making them, so that taking the role and deleting are refused for the
/// last administrator and for one's own account.
/// </summary>
public sealed partial class AccountService
{
    /// <summary>
    /// Gives or takes the administrator role. Every open session of the account ends at once, so its windows sign in
    /// again with what the account may now do. The last administrator keeps the role, and nobody takes their own.
    /// </summary>
    public async Task<SaveOutcome> SetAdministratorAsync(string accountId, bool administrator, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        var account = await userManager.FindByIdAsync(accountId);
        if (account is null)
        {
            return SaveOutcome.NotFound;
        }

        var isAdministrator = await userManager.IsInRoleAsync(account, Roles.Administrator);
        if (isAdministrator == administrator)
        {
            return SaveOutcome.Saved(0);
        }

        if (!administrator && await RemovalErrorAsync(actor, account, "You cannot take away your own administrator role.") is { } refusal)
        {
            return SaveOutcome.Invalid(refusal);
        }

        var result = administrator
            ? await userManager.AddToRoleAsync(account, Roles.Administrator)
            : await userManager.RemoveFromRoleAsync(account, Roles.Administrator);
        if (!result.Succeeded)
        {
            return SaveOutcome.Conflict;
        }

        await sessions.EndAllAsync(account);
        await RecordAsync(actor, AuditText.AdministratorRoleOf, isAdministrator ? AuditText.Administrator : null,
            administrator ? AuditText.Administrator : null, account.Email, cancellationToken);
        return SaveOutcome.Saved(0);
    }

    /// <summary>
    /// Deletes an account: it can no longer sign in and its open windows end at once. The CRM user it acted as stays,
    /// with its clients. The last administrator and one's own account cannot be deleted.
    /// </summary>
    public async Task<SaveOutcome> DeleteAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        var account = await userManager.FindByIdAsync(accountId);
        if (account is null)
        {
            return SaveOutcome.NotFound;
        }

        if (await RemovalErrorAsync(actor, account, "You cannot delete your own account.") is { } refusal)
        {
            return SaveOutcome.Invalid(refusal);
        }

        // The sessions end first, so that no window of the account acts between the deletion and the revalidation.
        await sessions.EndAllAsync(account);
        if (!(await userManager.DeleteAsync(account)).Succeeded)
        {
            return SaveOutcome.Conflict;
        }

        await RecordAsync(actor, AuditText.AccountDeleted, null, null, account.Email, cancellationToken);
        return SaveOutcome.Saved(0);
    }

    /// <summary>Why an account may not lose administration: it is the actor's own, or the last administrator's.</summary>
    private async Task<FieldError?> RemovalErrorAsync(Actor actor, ApplicationUser account, string ownMessage)
    {
        var administrators = await userManager.GetUsersInRoleAsync(Roles.Administrator);
        if (administrators.Count == 1 && administrators[0].Id == account.Id)
        {
            return new FieldError("Account", "At least one administrator must remain.");
        }

        return account.Id == actor.AccountId ? new FieldError("Account", ownMessage) : null;
    }
}
