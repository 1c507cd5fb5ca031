using Aspire.Hosting.ApplicationModel;
using CognitoAuth.Aspire.Hosting;
using CognitoAuth.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// Adds the CognitoAuth emulator to an Aspire application: AWS Cognito and the reference HTTP API, offline, for the
/// projects of a local stack.
/// </summary>
/// <example>
/// <code>
/// var cognito = builder.AddCognitoEmulator("cognito");
/// builder.AddProject&lt;Projects.Api&gt;("api")
///     .WithReference(cognito)   // CognitoAuth__ServiceUrl, __Region, __UserPoolId, __ClientId, __TokenEndpoint, __ApiBaseAddress
///     .WaitFor(cognito);
/// </code>
/// </example>
public static class CognitoEmulatorBuilderExtensions
{
    /// <summary>
    /// Adds an emulator that runs inside the AppHost while the application runs: the reference user pool (the user
    /// <c>testuser@example.com</c> / <c>TempPass123!</c> seeded), its app clients, and the HTTP API, on loopback. The
    /// dashboard shows its state, its health (the pool's JWKS and the API answer), its ids, its log and links to the
    /// Cognito endpoint, the API and the emulator's page (<c>{CognitoEndpoint}_local/</c>).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="cognitoPort">The Cognito endpoint's loopback port; <see langword="null"/> or 0 for a free port.</param>
    /// <param name="apiPort">The HTTP API's loopback port; <see langword="null"/> or 0 for a free port.</param>
    /// <returns>The resource's builder.</returns>
    public static IResourceBuilder<CognitoEmulatorResource> AddCognitoEmulator(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? cognitoPort = null, int? apiPort = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var resource = new CognitoEmulatorResource(name);
        resource.Options.CognitoPort = cognitoPort ?? 0;
        resource.Options.ApiPort = apiPort ?? 0;

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<CognitoEmulatorRunner>();
        builder.Services.AddHttpClient();
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            services => new CognitoEmulatorHealthCheck(resource, services.GetRequiredService<IHttpClientFactory>()),
            failureStatus: null,
            tags: null));

        return builder.AddResource(resource)
            .ExcludeFromManifest() // a local stand-in for Cognito: nothing to deploy
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "CognitoEmulator",
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .WithHealthCheck(healthCheckKey)
            .OnInitializeResource((emulator, initialize, cancellationToken) =>
                initialize.Services.GetRequiredService<CognitoEmulatorRunner>().StartAsync(emulator, initialize, cancellationToken));
    }

    /// <summary>Keeps pools, app clients, users, groups, refresh tokens and signing keys in a directory across runs of the AppHost.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="path">The directory (created when missing); relative to the AppHost's directory.</param>
    /// <returns>The emulator's builder.</returns>
    public static IResourceBuilder<CognitoEmulatorResource> WithDataDirectory(this IResourceBuilder<CognitoEmulatorResource> builder, string path)
        => Configure(builder, options =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path);
            options.DataDirectory = Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
        });

    /// <summary>Sets the region the pool and the API pretend to be in (and so the pool id's prefix).</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="region">The region, e.g. <c>us-east-1</c>.</param>
    /// <returns>The emulator's builder.</returns>
    public static IResourceBuilder<CognitoEmulatorResource> WithRegion(this IResourceBuilder<CognitoEmulatorResource> builder, string region)
        => Configure(builder, options =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(region);
            options.Region = region;
        });

    /// <summary>Sets the tokens' issuer format: the emulator's own URL, or Cognito's (<c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>).</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="issuer">The issuer format.</param>
    /// <returns>The emulator's builder.</returns>
    public static IResourceBuilder<CognitoEmulatorResource> WithIssuer(this IResourceBuilder<CognitoEmulatorResource> builder, EmulatorIssuer issuer)
        => Configure(builder, options => options.Issuer = issuer);

    /// <summary>
    /// Deploys a CloudFormation template (JSON or YAML, e.g. CDK's synthesized <c>cdk.out/MyStack.template.json</c>) into the
    /// emulator at start instead of the built-in reference stack, as <c>--template</c> does (Contract 6). Nothing is seeded;
    /// <c>WithReference</c> then gives the template's first user pool, its first app client and its first HTTP API.
    /// </summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="path">The template file; relative to the AppHost's directory.</param>
    /// <param name="parameters">Values of the template's parameters (<c>--parameter KEY=VALUE</c>); the others take their defaults.</param>
    /// <returns>The emulator's builder.</returns>
    public static IResourceBuilder<CognitoEmulatorResource> WithTemplate(this IResourceBuilder<CognitoEmulatorResource> builder, string path, IReadOnlyDictionary<string, string>? parameters = null)
        => Configure(builder, options =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path);
            options.TemplatePath = Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
            foreach (var (key, value) in parameters ?? new Dictionary<string, string>())
            {
                options.TemplateParameters[key] = value;
            }
        });

    /// <summary>
    /// Runs the pools' Lambda triggers that are not registered in-process through AWS Lambda's Invoke API at
    /// <paramref name="endpoint"/> (what <c>sam local start-lambda</c> and LocalStack serve), as <c>--lambda-endpoint</c> does.
    /// </summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="endpoint">The Invoke API's base URL, ending with <c>/</c>.</param>
    /// <returns>The emulator's builder.</returns>
    public static IResourceBuilder<CognitoEmulatorResource> WithLambdaEndpoint(this IResourceBuilder<CognitoEmulatorResource> builder, Uri endpoint)
        => Configure(builder, options =>
        {
            ArgumentNullException.ThrowIfNull(endpoint);
            options.LambdaEndpoint = endpoint;
        });

    /// <summary>
    /// Changes any other setting of the emulator before it starts (fixed pool and client ids, token lifetimes, more app
    /// clients, refresh-token rotation, a signing key, in-process Lambda triggers, …).
    /// </summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The emulator's builder.</returns>
    public static IResourceBuilder<CognitoEmulatorResource> WithEmulatorOptions(this IResourceBuilder<CognitoEmulatorResource> builder, Action<CognitoEmulatorOptions> configure)
        => Configure(builder, options =>
        {
            ArgumentNullException.ThrowIfNull(configure);
            configure(options);
        });

    /// <summary>
    /// Gives a resource the configuration of CognitoAuth.Client for the emulator's reference stack, as environment
    /// variables: <c>CognitoAuth__ServiceUrl</c>, <c>CognitoAuth__Region</c>, <c>CognitoAuth__UserPoolId</c>,
    /// <c>CognitoAuth__ClientId</c>, <c>CognitoAuth__TokenEndpoint</c> and the API's URL as <c>CognitoAuth__ApiBaseAddress</c>
    /// — so <c>AddCognitoApiClient(builder.Configuration.GetSection("CognitoAuth"))</c> works with only the user's
    /// credentials added — and, unless <paramref name="localCredentials"/> is <see langword="false"/>, the local AWS
    /// credentials the admin flow signs with (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>).
    /// </summary>
    /// <typeparam name="TDestination">The resource's type.</typeparam>
    /// <param name="builder">The builder of the resource that calls Cognito (a project, an executable).</param>
    /// <param name="emulator">The emulator.</param>
    /// <param name="localCredentials">Whether to set the local AWS credentials too; <see langword="false"/> for a resource that also calls real AWS services.</param>
    /// <returns>The resource's builder.</returns>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> builder, IResourceBuilder<CognitoEmulatorResource> emulator, bool localCredentials = true)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);

        var source = emulator.Resource;
        return builder
            .WithReferenceRelationship(source)
            .WithEnvironment(async context =>
            {
                if (context.ExecutionContext.IsPublishMode)
                {
                    return; // nothing runs in publish mode, and the emulator is not deployed
                }

                // The values exist once the emulator has started (free ports, a new pool): wait for it, as WaitFor would.
                var running = await source.Started.WaitAsync(context.CancellationToken).ConfigureAwait(false);
                foreach (var (key, value) in ClientConfiguration(running, localCredentials))
                {
                    context.EnvironmentVariables[key] = value;
                }
            });
    }

    /// <summary>Each <c>With…</c> is one change to the options the emulator starts with, checked before it is made.</summary>
    private static IResourceBuilder<CognitoEmulatorResource> Configure(IResourceBuilder<CognitoEmulatorResource> builder, Action<CognitoEmulatorOptions> change)
    {
        ArgumentNullException.ThrowIfNull(builder);
        change(builder.Resource.Options);
        return builder;
    }

    /// <summary>The environment a resource gets from <see cref="WithReference{TDestination}"/>.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> ClientConfiguration(CognitoEmulator emulator, bool localCredentials)
    {
        yield return new("CognitoAuth__ServiceUrl", emulator.CognitoEndpoint.ToString());
        yield return new("CognitoAuth__Region", emulator.Region);
        yield return new("CognitoAuth__UserPoolId", emulator.UserPoolId);
        yield return new("CognitoAuth__ClientId", emulator.ClientId);
        yield return new("CognitoAuth__TokenEndpoint", emulator.TokenEndpoint.ToString());
        yield return new("CognitoAuth__ApiBaseAddress", emulator.ApiUrl.ToString());
        if (localCredentials)
        {
            yield return new("AWS_ACCESS_KEY_ID", emulator.Credentials.AccessKeyId);
            yield return new("AWS_SECRET_ACCESS_KEY", emulator.Credentials.SecretAccessKey);
        }
    }
}
