using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using WazzupAdmin.Api;
using WazzupAdmin.Components.Account;
using WazzupAdmin.Data;
using WazzupAdmin.Services;
using WazzupAdmin.Services.Instances;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Extensions;

public static class ApplicationServices
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        // `dotnet run` serves from the build output, where MudBlazor's files, blazor.web.js and the scoped CSS are only
        // described by the static web assets manifest; outside Development it is read only when asked. A published
        // app has no such manifest and serves its own copies, so this changes nothing there.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();

        // The engine is chosen before anything is registered on it; a wrong Store:Provider stops the start here.
        var store = StoreProviderOptions.Read(builder.Configuration);
        services.AddOptions<StoreProviderOptions>().BindConfiguration(StoreProviderOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<StoreProviderOptions>, StoreProviderOptionsValidation>();
        services.AddAppStore(store.Provider,
            DatabaseSetup.ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath, store.Provider));
        services.AddOptions<Data.Demo.DemoOptions>().BindConfiguration(Data.Demo.DemoOptions.Section).ValidateOnStart();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        if (store.Provider == StoreProvider.Postgres)
        {
            // Several instances may share the database: what one does reaches the others' windows (LISTEN/NOTIFY).
            services.AddOtherInstancesOnPostgres();
        }

        services.AddDataProtectionKeys(store.Provider, builder.Environment.ContentRootPath);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            // A signed-in user who lacks the role gets a real 403, rendered by the status page, not a redirect.
            // A session ended in this process (signed out elsewhere, locked, unlinked) is refused on its next request,
            // not at the next 30-minute stamp check.
            var validateStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                var identity = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity;
                var accountId = context.Principal?.FindFirst(identity.UserIdClaimType)?.Value;
                if (accountId is not null && context.HttpContext.RequestServices.GetRequiredService<Services.Accounts.SessionRevocations>()
                        .IsRevoked(accountId, context.Principal?.FindFirst(identity.SecurityStampClaimType)?.Value))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await validateStamp(context);
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Administrator, policy => policy.RequireRole(Roles.Administrator));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = 8;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddSingleton(TimeProvider.System);
        services.AddAppUseCases();
        services.AddWebhookDelivery();
        services.AddApiV3();
        services.AddIframeEmbedding();
        return builder;
    }
}
