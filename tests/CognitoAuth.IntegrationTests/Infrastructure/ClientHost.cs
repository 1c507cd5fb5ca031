using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using CognitoAuth.Testing.Emulated;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// An application host wired as a user wires it — <c>AddCognitoApiClient</c> — pointed at an emulator with
/// <c>ServiceUrl</c>, signing admin calls with the emulator's local credentials, capturing every log. It watches the
/// Cognito wire for the secrets that cross it and, when disposed, fails the test if any of them (or a configured
/// password, client secret or AWS secret key) appears in a captured log: every test that uses it is a leak check.
/// </summary>
internal sealed class ClientHost : IAsyncDisposable
{
    /// <summary>The name of the client library's Cognito HttpClient, whose wire the recorder watches.</summary>
    private const string CognitoHttpClientName = "CognitoAuth.Cognito";

    private readonly IHost _host;
    private readonly CognitoEmulator _emulator;
    private readonly SecretRecorder _recorder;
    private readonly FakeLogCollector? _emulatorLogs;

    private ClientHost(IHost host, CognitoEmulator emulator, SecretRecorder recorder, FakeLogCollector? emulatorLogs)
    {
        _host = host;
        _emulator = emulator;
        _recorder = recorder;
        _emulatorLogs = emulatorLogs;
    }

    public IServiceProvider Services => _host.Services;

    public HttpClient Http => Services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);

    public ICognitoTokenProvider Tokens => Services.GetRequiredService<ICognitoTokenProvider>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>The secrets seen so far; tests check exceptions they catch against it.</summary>
    public SecretScanner Secrets => _recorder.Secrets;

    /// <summary>The seed's user against the emulator's reference app client; <paramref name="configure"/> adjusts it.</summary>
    /// <param name="emulatorLogs">The emulator's captured logs, checked for leaks too.</param>
    /// <param name="services">Adds the app's own services (an <see cref="ICognitoChallengeHandler"/>, a token store shared with another host, …).</param>
    public static async Task<ClientHost> StartAsync(
        CognitoEmulator emulator, Action<CognitoApiClientOptions>? configure = null, TimeProvider? clock = null, FakeLogCollector? emulatorLogs = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        builder.Services.AddEmulatorCredentials(emulator);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddCognitoApiClient(options =>
        {
            options.UseEmulator(emulator);
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);

        // Innermost on the Cognito client: sees every attempt as it goes on the wire and comes back.
        var recorder = new SecretRecorder();
        builder.Services.AddHttpClient(CognitoHttpClientName).AddHttpMessageHandler(() => new SecretRecordingHandler(recorder));
        var host = builder.Build();
        await host.StartAsync();
        return new ClientHost(host, emulator, recorder, emulatorLogs);
    }

    /// <summary>Fails if <paramref name="exception"/> holds a secret seen so far.</summary>
    public void AssertNoSecretIn(Exception exception) => Secrets.AssertNotIn(exception);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        try
        {
            var options = Services.GetRequiredService<IOptionsMonitor<CognitoApiClientOptions>>().Get(CognitoApiClientOptions.DefaultName);
            Secrets.Add(options.Password, "configured password");
            Secrets.Add(options.NewPassword, "configured new password");
            Secrets.Add(options.ClientSecret, "client secret");
            Secrets.Add(_emulator.Credentials.SecretAccessKey, "AWS secret access key");

            var records = Logs.GetSnapshot();
            if (records.Any(r => r.Id.Name is "SignedIn" or "Refreshed"))
            {
                // Otherwise a renamed Cognito HttpClient would silently turn this check into a no-op.
                Assert.True(_recorder.Responses > 0, $"The secret recorder saw no Cognito response: is '{CognitoHttpClientName}' still the client library's Cognito HttpClient?");
            }

            Secrets.AssertNotIn(records, "the client host");
            if (_emulatorLogs is not null)
            {
                Secrets.AssertNotIn(_emulatorLogs.GetSnapshot(), "the emulator");
            }
        }
        finally
        {
            _host.Dispose();
        }
    }

    private sealed class SecretRecorder
    {
        private int _responses;

        public SecretScanner Secrets { get; } = new();

        public int Responses => Volatile.Read(ref _responses);

        public void ResponseSeen() => Interlocked.Increment(ref _responses);
    }

    private sealed class SecretRecordingHandler(SecretRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                recorder.Secrets.AddFromJson(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            }

            if (request.Headers.TryGetValues("X-Amz-Security-Token", out var sessionTokens))
            {
                recorder.Secrets.Add(sessionTokens.FirstOrDefault(), "AWS session token");
            }

            var response = await base.SendAsync(request, cancellationToken);
            try
            {
                // Buffers the body (as the client's own buffering handler would); a body cut off in transit throws the same way.
                recorder.Secrets.AddFromJson(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                recorder.ResponseSeen();
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}
