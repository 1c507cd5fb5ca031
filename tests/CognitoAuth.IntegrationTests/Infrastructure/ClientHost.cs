using Amazon.Runtime;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// An application host wired as a user wires it — <c>AddCognitoApiClient</c> — pointed at an emulator with
/// <c>ServiceUrl</c>, signing admin calls with the emulator's local credentials, capturing every log.
/// </summary>
internal sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public HttpClient Http => Services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);

    public ICognitoTokenProvider Tokens => Services.GetRequiredService<ICognitoTokenProvider>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>The seed's user against the emulator's reference app client; <paramref name="configure"/> adjusts it.</summary>
    public static async Task<ClientHost> StartAsync(CognitoEmulator emulator, Action<CognitoApiClientOptions>? configure = null, TimeProvider? clock = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(emulator.Credentials.AccessKeyId, emulator.Credentials.SecretAccessKey));
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddCognitoApiClient(options =>
        {
            options.UserPoolId = emulator.UserPoolId;
            options.ClientId = emulator.ClientId;
            options.Username = "testuser@example.com";
            options.Password = "TempPass123!";
            options.NewPassword = "NewSecurePass123!";
            options.ServiceUrl = emulator.CognitoEndpoint;
            options.ApiBaseAddress = emulator.ApiUrl;
            configure?.Invoke(options);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
