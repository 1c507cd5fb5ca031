using System.Collections.Immutable;
using Aspire.Hosting.ApplicationModel;
using CognitoAuth.Emulator;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Aspire.Hosting;

/// <summary>
/// Starts each <see cref="CognitoEmulatorResource"/> when the application initializes it, publishes its state, URLs and
/// ids to the dashboard, and stops every emulator it started when the AppHost's services are disposed.
/// </summary>
internal sealed partial class CognitoEmulatorRunner(TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly List<(CognitoEmulatorResource Resource, CognitoEmulator Emulator, ILoggerFactory Logging)> _running = [];
    private readonly Lock _gate = new();

    public async Task StartAsync(CognitoEmulatorResource resource, InitializeResourceEvent initialize, CancellationToken cancellationToken)
    {
        await initialize.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = new ResourceStateSnapshot(KnownResourceStates.Starting, KnownResourceStateStyles.Info),
        }).ConfigureAwait(false);

        var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddProvider(new ResourceLoggerProvider(initialize.Logger)));
        resource.Options.LoggerFactory = logging;
        CognitoEmulator emulator;
        try
        {
            emulator = await CognitoEmulator.StartAsync(resource.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or OperationCanceledException)
        {
            // A port in use, an option out of range, a data directory that is not the emulator's: said once, in the resource's log.
            Log.StartFailed(initialize.Logger, ex.Message);
            logging.Dispose();
            resource.OnFailed(ex);
            await initialize.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
            {
                State = new ResourceStateSnapshot(KnownResourceStates.FailedToStart, KnownResourceStateStyles.Error),
            }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _running.Add((resource, emulator, logging));
        }

        resource.OnStarted(emulator);
        Log.Started(initialize.Logger, emulator.CognitoEndpoint, emulator.ApiUrl, Describe(() => emulator.UserPoolId), Describe(() => emulator.ClientId));
        await initialize.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = new ResourceStateSnapshot(KnownResourceStates.Running, KnownResourceStateStyles.Success),
            StartTimeStamp = timeProvider.GetUtcNow().UtcDateTime,
            Urls =
            [
                new UrlSnapshot("cognito", emulator.CognitoEndpoint.ToString(), IsInternal: false),
                new UrlSnapshot("api", emulator.ApiUrl.ToString(), IsInternal: false),
                new UrlSnapshot("page", emulator.LocalPageUrl.ToString(), IsInternal: false),
            ],
            Properties = snapshot.Properties.AddRange(ImmutableArray.Create(
            [
                new ResourcePropertySnapshot("cognito.region", emulator.Region),
                new ResourcePropertySnapshot("cognito.userPoolId", Describe(() => emulator.UserPoolId)),
                new ResourcePropertySnapshot("cognito.clientId", Describe(() => emulator.ClientId)),
                new ResourcePropertySnapshot("cognito.issuer", Describe(() => emulator.Issuer)),
                new ResourcePropertySnapshot("cognito.tokenEndpoint", emulator.TokenEndpoint.ToString()),
            ])),
        }).ConfigureAwait(false);
    }

    // A template without a user pool or app client has none to show; the emulator says so by throwing.
    private static string Describe(Func<string> value)
    {
        try
        {
            return value();
        }
        catch (InvalidOperationException)
        {
            return "(none in the template)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<(CognitoEmulatorResource Resource, CognitoEmulator Emulator, ILoggerFactory Logging)> running;
        lock (_gate)
        {
            running = [.. _running];
            _running.Clear();
        }

        foreach (var (resource, emulator, logging) in running)
        {
            resource.OnStopped();
            await emulator.DisposeAsync().ConfigureAwait(false);
            logging.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "EmulatorStarted", Level = LogLevel.Information,
            Message = "Cognito endpoint {CognitoEndpoint}, HTTP API {ApiUrl}, user pool {UserPoolId}, app client {ClientId}")]
        public static partial void Started(ILogger logger, Uri cognitoEndpoint, Uri apiUrl, string userPoolId, string clientId);

        [LoggerMessage(EventId = 2, EventName = "EmulatorStartFailed", Level = LogLevel.Error, Message = "The emulator did not start: {Reason}")]
        public static partial void StartFailed(ILogger logger, string reason);
    }
}
