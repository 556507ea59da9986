using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;
using WazzupAdmin.Services.Crm;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services;

public static class UseCases
{
    public static IServiceCollection AddAppUseCases(this IServiceCollection services)
    {
        services.AddScoped<CurrentActor>();
        services.AddScoped<CurrentCrmUser>();
        services.AddScoped<ChannelService>();
        services.AddScoped<ChannelAccessService>();
        services.AddScoped<NewClientSettingsService>();
        services.AddScoped<DaysOffService>();
        services.AddScoped<CrmDirectoryService>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<AccountService>();
        services.AddSingleton<SignInGate>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<Api.ApiKeyCache>();
        services.AddScoped<SessionGuard>();
        services.AddScoped<AccountSessions>();
        services.AddSingleton<Chat.IncomingMessageWriter>();
        services.AddSingleton<Chat.ChannelTransports>();
        services.AddScoped<Chat.IncomingMessageService>();
        services.AddScoped<Chat.ConversationAccess>();
        services.AddScoped<Chat.ChatReadingService>();
        services.AddScoped<Chat.ChatReplyService>();
        services.AddScoped<Routing.AwayService>();
        services.AddSingleton<Chat.ChatNotifier>();
        services.AddSingleton<Routing.RepPresence>();
        // One per circuit, and the circuit's handler too: the chat window counts while the browser is connected.
        services.AddScoped<Routing.ChatWindowCircuit>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Routing.ChatWindowCircuit>());
        services.AddOptions<Routing.RoutingOptions>().BindConfiguration(Routing.RoutingOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Routing.RoutingOptions>, Routing.RoutingOptionsValidation>();
        services.AddScoped<Chat.AssignmentService>();
        services.AddScoped<Routing.DistributionPreviewService>();
        services.AddScoped<Routing.OfferTimeoutService>();
        services.AddScoped<Routing.RoutingStatsService>();
        services.AddHostedService<Routing.OfferTimeoutWorker>();
        services.AddSingleton<Routing.QueueSignal>();
        services.AddScoped<Routing.ClientQueueService>();
        services.AddHostedService<Routing.ClientQueueWorker>();
        services.AddScoped<Chat.ClientSimulatorService>();
        services.AddScoped<DemoCrmPages>();
        services.AddScoped<Api.ApiKeyService>();
        services.AddScoped<CrmSyncService>();
        services.AddScoped<CrmPipelineService>();
        services.AddScoped<Api.ChatLinkService>();
        services.AddOptions<Messages.MessageStatusOptions>().BindConfiguration(Messages.MessageStatusOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Messages.MessageStatusOptions>, Messages.MessageStatusOptionsValidation>();
        services.AddOptions<Chat.CrmLinkOptions>().BindConfiguration(Chat.CrmLinkOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Chat.CrmLinkOptions>, Chat.CrmLinkOptionsValidation>();
        services.AddScoped<Messages.CrmMessageService>();
        services.AddScoped<Messages.MessageStatusService>();
        services.AddScoped<Messages.WabaTemplateService>();
        services.AddHostedService<Messages.MessageStatusSimulator>();
        services.AddWebhooks();
        return services;
    }
}
