using CognitoAuth.Client;
using CognitoAuth.Emulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// The emulator (its logs captured) and a <see cref="ClientHost"/> signed in as a user with a permanent password, so a
/// sign-in is exactly one Cognito call. With a <see cref="FakeTimeProvider"/>, client, tokens, authorizer and SigV4 share it.
/// Disposing it runs the client host's leak check over both sides' logs.
/// </summary>
internal sealed class EmulatedStack : IAsyncDisposable
{
    public const string Username = "resilient@example.com";
    public const string Password = "Resilient-Pass-123!";

    private readonly FakeLoggerProvider _emulatorLogs;
    private readonly ILoggerFactory _emulatorLoggerFactory;

    private EmulatedStack(CognitoEmulator emulator, ClientHost client, FakeLoggerProvider emulatorLogs, ILoggerFactory emulatorLoggerFactory)
    {
        Emulator = emulator;
        Client = client;
        _emulatorLogs = emulatorLogs;
        _emulatorLoggerFactory = emulatorLoggerFactory;
    }

    public CognitoEmulator Emulator { get; }

    public ClientHost Client { get; }

    public FakeLogCollector EmulatorLogs => _emulatorLogs.Collector;

    /// <summary>Cognito requests that reached the emulator for <paramref name="operation"/>.</summary>
    public long Calls(string operation) => Emulator.CognitoRequests[operation];

    public static async Task<EmulatedStack> StartAsync(
        Action<CognitoEmulatorOptions>? emulator = null, Action<CognitoApiClientOptions>? client = null, FakeTimeProvider? clock = null)
    {
        var logs = new FakeLoggerProvider();
        var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = new CognitoEmulatorOptions { SeedTestUser = false, LoggerFactory = loggerFactory };
        if (clock is not null)
        {
            options.TimeProvider = clock;
            options.SignatureTimeProvider = clock;
        }

        emulator?.Invoke(options);
        var started = await CognitoEmulator.StartAsync(options);
        started.CreateUser(Username, Password, permanent: true);
        var host = await ClientHost.StartAsync(
            started,
            o =>
            {
                o.Username = Username;
                o.Password = Password;
                o.NewPassword = null;
                client?.Invoke(o);
            },
            clock,
            logs.Collector);
        return new EmulatedStack(started, host, logs, loggerFactory);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.DisposeAsync();
        }
        finally
        {
            await Emulator.DisposeAsync();
            _emulatorLoggerFactory.Dispose();
            _emulatorLogs.Dispose();
        }
    }
}
