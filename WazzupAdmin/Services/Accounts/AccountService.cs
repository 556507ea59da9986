using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Audit;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Accounts;

/// <summary>Sign-in accounts: who may use the console, and which CRM user each one acts as in the chat window.</summary>
public sealed partial class AccountService(
    IDbContextFactory<AppDbContext> dbFactory, UserManager<ApplicationUser> userManager, CurrentActor currentActor, AccountSessions sessions,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking()
            .Select(u => new
            {
                u.Id,
                u.Email,
                IsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRoleId),
                u.CrmUserId,
                CrmUserName = db.CrmUsers.Where(c => c.Id == u.CrmUserId).Select(c => c.Name).FirstOrDefault(),
                u.LockoutEnd,
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. rows
            .Select(r => new AccountRow(r.Id, r.Email ?? "", r.IsAdmin, r.CrmUserId, r.CrmUserName, r.LockoutEnd > now ? r.LockoutEnd : null))
            .OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<SaveOutcome> CreateAsync(string? email, string? password, bool administrator, string? crmUserId, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        if (string.IsNullOrWhiteSpace(email))
        {
            return SaveOutcome.Invalid(new FieldError("Email", "Enter an email address."));
        }

        if (string.IsNullOrEmpty(password))
        {
            return SaveOutcome.Invalid(new FieldError("Password", "Enter a password."));
        }

        if (await LinkErrorAsync(crmUserId, exceptAccountId: null, cancellationToken) is { } linkError)
        {
            return SaveOutcome.Invalid(linkError);
        }

        var account = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, CrmUserId = NullIfEmpty(crmUserId) };
        var result = await userManager.CreateAsync(account, password);
        if (result.Succeeded && administrator)
        {
            result = await userManager.AddToRoleAsync(account, Roles.Administrator);
        }

        if (!result.Succeeded)
        {
            return SaveOutcome.Invalid([.. result.Errors.Select(e => new FieldError(e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description))]);
        }

        await RecordAsync(actor, AuditText.AccountCreated, null, administrator ? AuditText.Administrator : null, account.Email, cancellationToken);
        return SaveOutcome.Saved(0);
    }

    public async Task<SaveOutcome> LinkAsync(string accountId, string? crmUserId, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        var account = await userManager.FindByIdAsync(accountId);
        if (account is null)
        {
            return SaveOutcome.NotFound;
        }

        if (await LinkErrorAsync(crmUserId, accountId, cancellationToken) is { } linkError)
        {
            return SaveOutcome.Invalid(linkError);
        }

        var before = account.CrmUserId;
        account.CrmUserId = NullIfEmpty(crmUserId);
        var result = await userManager.UpdateAsync(account);
        if (!result.Succeeded)
        {
            return SaveOutcome.Conflict;
        }

        if (before != account.CrmUserId)
        {
            // The open windows act as the CRM user the account was linked to: they end, and sign in again as the new one.
            await sessions.EndAllAsync(account);
        }

        await RecordAsync(actor, AuditText.CrmUserOf, before, account.CrmUserId, account.Email, cancellationToken);
        return SaveOutcome.Saved(0);
    }

    public async Task<SaveOutcome> UnlockAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        var account = await userManager.FindByIdAsync(accountId);
        if (account is null)
        {
            return SaveOutcome.NotFound;
        }

        await userManager.SetLockoutEndDateAsync(account, null);
        await userManager.ResetAccessFailedCountAsync(account);
        await RecordAsync(actor, AuditText.AccountUnlocked, null, null, account.Email, cancellationToken);
        return SaveOutcome.Saved(0);
    }

    /// <summary>
    /// An administrator sets a new password for an account (one who forgot theirs, or to shut someone out). The password
    /// rules of sign-up apply; every open session of the account ends at once.
    /// </summary>
    public async Task<SaveOutcome> SetPasswordAsync(string accountId, string? password, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        var account = await userManager.FindByIdAsync(accountId);
        if (account is null)
        {
            return SaveOutcome.NotFound;
        }

        if (string.IsNullOrEmpty(password))
        {
            return SaveOutcome.Invalid(new FieldError("Password", "Enter a password."));
        }

        // Checked before anything is written: the old password stays until the new one is known to be acceptable.
        var errors = new List<FieldError>();
        foreach (var validator in userManager.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(userManager, account, password);
            errors.AddRange(checkedPassword.Errors.Select(e => new FieldError("Password", e.Description)));
        }

        if (errors.Count > 0)
        {
            return SaveOutcome.Invalid(errors);
        }

        account.PasswordHash = userManager.PasswordHasher.HashPassword(account, password);
        if (!(await userManager.UpdateAsync(account)).Succeeded)
        {
            return SaveOutcome.Conflict;
        }

        await sessions.EndAllAsync(account);
        await RecordAsync(actor, AuditText.PasswordOf, null, null, account.Email, cancellationToken);
        return SaveOutcome.Saved(0);
    }

    private async Task<FieldError?> LinkErrorAsync(string? crmUserId, string? exceptAccountId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(crmUserId))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.CrmUsers.AnyAsync(u => u.Id == crmUserId, cancellationToken))
        {
            return new FieldError("CrmUserId", "This CRM user does not exist.");
        }

        var other = await db.Users.Where(u => u.CrmUserId == crmUserId && u.Id != exceptAccountId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return other is null ? null : new FieldError("CrmUserId", "This CRM user is already linked to {0}.", other);
    }

    private async Task RecordAsync(Actor actor, string what, string? before, string? after, string? subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Record(actor, clock.GetUtcNow().UtcDateTime, null, what, before, after, subject);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
