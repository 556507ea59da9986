using Microsoft.Extensions.Options;

namespace WazzupAdmin.Services.Messages;

/// <summary>
/// The simulated messenger's side of outgoing messages: every poll it reports the statuses that are due (delivered a
/// moment after sent, read a moment after that). It waits on the app's <see cref="TimeProvider"/>, so a test's fake
/// clock drives it.
/// </summary>
public sealed class MessageStatusSimulator(
    IServiceScopeFactory scopes, IOptions<MessageStatusOptions> options, TimeProvider clock, ILogger<MessageStatusSimulator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MessageStatusService>().AdvanceDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Reporting the due message statuses failed; trying again at the next poll");
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
