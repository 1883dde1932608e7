using FhirNer.Hosting;
using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Queueing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the durable work queue, the replay guard and the intake that answers notifications.</summary>
public static class WorkQueueServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>FhirNer:Queue</c> and <c>FhirNer:Replay</c>; registers the queue they name (SQLite
    /// by default), the replay store (in the same SQLite file, or beside it in the state folder)
    /// and <see cref="NotificationIntake"/>. Does not start a worker: see <see cref="AddFhirNerQueueWorker"/>.
    /// </summary>
    public static IServiceCollection AddFhirNerQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkQueueOptions>().Bind(configuration.GetSection(WorkQueueOptions.Section))
            .Validate(o => o.Workers >= 0 && o.MaxAttempts >= 1 && o.Lease > TimeSpan.Zero, "FhirNer:Queue: Workers >= 0, MaxAttempts >= 1 and a positive Lease are required")
            .ValidateOnStart();
        services.AddOptions<ReplayOptions>().Bind(configuration.GetSection(ReplayOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        // Inline: no queue is registered, and the intake works in the request.
        if ((configuration.GetSection(WorkQueueOptions.Section).Get<WorkQueueOptions>() ?? new WorkQueueOptions()).EffectiveKind != WorkQueueKind.Inline)
        {
            services.TryAddSingleton<IWorkQueueStore>(sp =>
            {
                var settings = sp.GetRequiredService<IOptions<WorkQueueOptions>>().Value;
                if (settings.EffectiveKind == WorkQueueKind.Sqlite)
                    return new SqliteQueueStore(SqlitePath(sp), sp.GetRequiredService<TimeProvider>());
                return string.IsNullOrEmpty(settings.ConnectionString)
                    ? throw new InvalidOperationException("FhirNer:Queue:Kind Storage needs FhirNer:Queue:ConnectionString")
                    : new StorageQueueStore(settings.ConnectionString, settings.QueueName);
            });
        }

        // In the queue's own file, or (Storage queue, inline) in a SQLite file beside the state.
        services.TryAddSingleton<IReplayStore>(sp => sp.GetService<IWorkQueueStore>() as SqliteQueueStore ?? new SqliteQueueStore(SqlitePath(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ReplayGuard>();
        services.TryAddSingleton(sp => new NotificationIntake(
            sp.GetRequiredService<NotificationRunner>(),
            sp.GetService<IWorkQueueStore>(),
            sp.GetRequiredService<ReplayGuard>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<NotificationIntake>>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FhirNer.Fhir.FhirServerOptions>>().Value));
        return services;
    }

    /// <summary>Runs <see cref="QueueWorker"/> in the host (<c>fhirner serve</c>), unless the queue is inline or <c>Workers</c> is 0.</summary>
    public static IServiceCollection AddFhirNerQueueWorker(this IServiceCollection services)
    {
        services.AddHostedService(sp =>
        {
            var queue = sp.GetService<IWorkQueueStore>();
            var settings = sp.GetRequiredService<IOptions<WorkQueueOptions>>();
            return queue is null || settings.Value.Workers == 0
                ? (Microsoft.Extensions.Hosting.BackgroundService)new NoWorker()
                : new QueueWorker(queue, sp.GetRequiredService<QueueMessageHandler>(), settings, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<QueueWorker>>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>());
        });
        return services;
    }

    private static string SqlitePath(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<WorkQueueOptions>>().Value.Path;
        return string.IsNullOrEmpty(configured)
            ? Path.Combine(services.GetRequiredService<IOptions<FhirNerHostOptions>>().Value.StateDirectory, "fhirner-queue.db")
            : configured;
    }

    private sealed class NoWorker : Microsoft.Extensions.Hosting.BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
