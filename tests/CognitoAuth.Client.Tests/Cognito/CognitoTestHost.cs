using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Signing;
using CognitoAuth.Client.Tests.Cognito.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// The wire layer as the application gets it from <see cref="CognitoIdentityProviderRegistration.AddCognitoIdentityProvider"/>,
/// with a stub on the wire, a fake clock (2015-08-30T12:36:00Z, the SigV4 suite's instant), fake logs and fixed credentials.
/// Retries back off by zero so the tests never wait; timeouts only fire when the test advances the clock.
/// </summary>
internal sealed class CognitoTestHost : IDisposable
{
    public static readonly DateTimeOffset Start = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static readonly CognitoEndpoint Endpoint = new(new Uri("https://cognito-idp.ap-northeast-1.amazonaws.com/"), "ap-northeast-1");

    public CognitoTestHost(Action<IServiceCollection>? configure = null, bool stubWire = true, bool fixedCredentials = true, Action<IServiceCollection>? configureAfter = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton<TimeProvider>(Time);
        if (fixedCredentials)
        {
            services.AddSingleton<IAwsCredentialsProvider>(Credentials);
        }

        services.Configure<CognitoResilienceOptions>(options => options.BaseDelay = TimeSpan.Zero);
        configure?.Invoke(services);
        services.AddCognitoIdentityProvider();
        if (stubWire)
        {
            services.AddHttpClient(CognitoApiClientOptions.BackChannelName).ConfigurePrimaryHttpMessageHandler(() => Stub);
        }

        configureAfter?.Invoke(services);

        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public StubHttpMessageHandler Stub { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public FixedCredentialsProvider Credentials { get; } = new();

    public ServiceProvider Services { get; }

    public ICognitoIdentityProvider Client => Services.GetRequiredService<ICognitoIdentityProvider>();

    public IReadOnlyList<FakeLogRecord> Logs => Services.GetFakeLogCollector().GetSnapshot();

    /// <summary>Stops the services, after checking that no log holds a secret that crossed the wire or signed a request.</summary>
    public void Dispose()
    {
        try
        {
            Stub.Secrets.Add(Credentials.Credentials.SecretKey, "AWS secret access key");
            Stub.Secrets.Add(Credentials.Credentials.Token, "AWS session token");
            Stub.Secrets.AssertNotIn(Logs, nameof(CognitoTestHost));
        }
        finally
        {
            Services.Dispose();
        }
    }
}
