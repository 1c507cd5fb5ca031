using System.Net;
using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Cognito.Operations;
using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Emulator.Faults;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Signing;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CognitoAuth.Emulator;

/// <summary>
/// The reference stack, offline and in-process: a Cognito-compatible endpoint (JSON 1.1, SigV4 on admin
/// operations, RS256 tokens, JWKS) and an HTTP API whose JWT authorizer guards the real Lambda handler, each on its
/// own loopback port. Start one per test with <see cref="StartAsync"/>; dispose it to stop it.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await CognitoEmulator.StartAsync();
/// // emulator.CognitoEndpoint is the ServiceUrl, emulator.ApiUrl the API, emulator.Credentials sign admin calls.
/// </code>
/// </example>
public sealed class CognitoEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SigningKey _key;
    private readonly UserPool _pool;
    private readonly UserAdministration _administration;
    private int _disposed;

    private CognitoEmulator(
        WebApplication app,
        SigningKey key,
        UserPool pool,
        UserAdministration administration,
        Uri cognitoEndpoint,
        Uri apiUrl,
        string region,
        string clientId,
        IReadOnlyList<EmulatorAppClient> additionalClients,
        EmulatorCredentials credentials,
        RequestCounters cognitoRequests,
        RequestCounters apiRequests,
        CognitoFaults faults)
    {
        _app = app;
        _key = key;
        _pool = pool;
        _administration = administration;
        CognitoEndpoint = cognitoEndpoint;
        ApiUrl = apiUrl;
        Region = region;
        ClientId = clientId;
        AdditionalClients = additionalClients;
        Credentials = credentials;
        CognitoRequests = cognitoRequests;
        ApiRequests = apiRequests;
        Faults = faults;
        Outputs = new EmulatorOutputs(region, pool.Id, clientId, apiUrl, cognitoEndpoint);
    }

    /// <summary>Gets the Cognito endpoint (<c>http://127.0.0.1:{port}/</c>): the client's <c>ServiceUrl</c>, the CLI's <c>--endpoint-url</c>.</summary>
    public Uri CognitoEndpoint { get; }

    /// <summary>Gets the HTTP API's base URL (<c>http://127.0.0.1:{port}/</c>, ending with <c>/</c>).</summary>
    public Uri ApiUrl { get; }

    /// <summary>Gets the region.</summary>
    public string Region { get; }

    /// <summary>Gets the user pool id.</summary>
    public string UserPoolId => _pool.Id;

    /// <summary>Gets the reference app client's id (no secret; the API's audience).</summary>
    public string ClientId { get; }

    /// <summary>Gets the issuer of the pool's tokens: the Cognito endpoint without its trailing slash, then the pool id.</summary>
    public string Issuer => IssuerOf(CognitoEndpoint, UserPoolId);

    /// <summary>Gets the app clients created from <see cref="CognitoEmulatorOptions.AdditionalClients"/>, in order.</summary>
    public IReadOnlyList<EmulatorAppClient> AdditionalClients { get; }

    /// <summary>Gets the local AWS credentials admin operations must be signed with.</summary>
    public EmulatorCredentials Credentials { get; }

    /// <summary>Gets the stack outputs (Contract 2 shape).</summary>
    public EmulatorOutputs Outputs { get; }

    /// <summary>Gets the count of Cognito requests by operation name (e.g. <c>AdminInitiateAuth</c>).</summary>
    public RequestCounters CognitoRequests { get; }

    /// <summary>Gets the count of API requests by route key (e.g. <c>GET /hello</c>), counted before authorization.</summary>
    public RequestCounters ApiRequests { get; }

    /// <summary>
    /// Gets the faults queued for the Cognito endpoint: throttling, 5xx, slow or hanging answers, dropped connections,
    /// truncated or malformed bodies, applied one per request of the named operation. Empty unless a test queues some.
    /// </summary>
    public CognitoFaults Faults { get; }

    /// <summary>Starts an emulator on loopback and returns once both ports accept requests.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults (free ports, seeded test user).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<CognitoEmulator> StartAsync(CognitoEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CognitoEmulatorOptions();
        options.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("CognitoAuth.Emulator");

        // Resolved first: a handler that does not load fails the start before anything needs cleaning up.
        var function = LambdaFunction.Load(ReferenceStack.FunctionHandler);
        var key = options.SigningKeyPath is { } path ? SigningKey.Load(path) : SigningKey.Generate();
        var pool = new UserPool(options.UserPoolId ?? RandomIds.UserPoolId(options.Region), ReferenceStack.UserPool, options.TimeProvider, options.SessionLifetime);
        var reference = ReferenceStack.AppClient;
        var clientId = options.ClientId ?? RandomIds.ClientId();
        pool.AddClient(NewClient(clientId, reference.Name, reference.GenerateSecret, reference.ExplicitAuthFlows,
            reference.PreventUserExistenceErrors, reference.EnableTokenRevocation, options));

        var audiences = new HashSet<string>(StringComparer.Ordinal) { clientId };
        var additionalClients = new List<EmulatorAppClient>();
        foreach (var extra in options.AdditionalClients)
        {
            var client = NewClient(RandomIds.ClientId(), extra.Name, extra.GenerateSecret, extra.ExplicitAuthFlows,
                extra.PreventUserExistenceErrors, extra.EnableTokenRevocation, options);
            pool.AddClient(client);
            additionalClients.Add(new EmulatorAppClient(client.Name, client.ClientId, client.ClientSecret));
            if (extra.AcceptedByApi)
            {
                audiences.Add(client.ClientId);
            }
        }

        var cognitoRequests = new RequestCounters();
        var apiRequests = new RequestCounters();
        var faults = new CognitoFaults();

        // Kestrel learns its ports only when it binds (port 0), and the issuer contains the Cognito port, so the two
        // endpoints are built after the start; until then (microseconds, before anyone knows the ports) requests get 503.
        ListenOptions? cognitoListener = null;
        ListenOptions? apiListener = null;
        RequestDelegate? dispatch = null;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.CognitoPort, listen => cognitoListener = listen);
            kestrel.Listen(IPAddress.Loopback, options.ApiPort, listen => apiListener = listen);
        });
        var app = builder.Build();
        app.Run(context =>
        {
            if (Volatile.Read(ref dispatch) is { } ready)
            {
                return ready(context);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            key.Dispose();
            throw;
        }

        var cognitoPort = ((IPEndPoint)cognitoListener!.EndPoint).Port;
        var apiPort = ((IPEndPoint)apiListener!.EndPoint).Port;
        var cognitoEndpoint = new Uri($"http://127.0.0.1:{cognitoPort}/");
        var apiUrl = new Uri($"http://127.0.0.1:{apiPort}/");
        var issuer = new TokenIssuer(key, IssuerOf(cognitoEndpoint, pool.Id));

        var administration = new UserAdministration(pool);
        var cognito = new CognitoEndpoint(
            CognitoOperation.All(administration, new Authentication(pool, issuer), new TokenRevocation(pool, issuer)),
            new SigV4Verifier(options.AccessKeyId, options.SecretAccessKey, options.Region, options.SignatureTimeProvider),
            new WellKnownDocuments(issuer.Issuer, key),
            pool.Id,
            cognitoRequests,
            new FaultInjector(faults, options.TimeProvider, app.Lifetime.ApplicationStopping, logger),
            logger);
        var api = new HttpApiEndpoint(
            ReferenceStack.Routes,
            new JwtAuthorizer(issuer.Issuer, audiences, [key], options.TimeProvider),
            function,
            RandomIds.ApiId(),
            apiRequests,
            options.TimeProvider,
            logger);
        Volatile.Write(ref dispatch, context => context.Connection.LocalPort == cognitoPort ? cognito.HandleAsync(context) : api.HandleAsync(context));

        var emulator = new CognitoEmulator(
            app, key, pool, administration, cognitoEndpoint, apiUrl, options.Region, clientId, additionalClients,
            new EmulatorCredentials(options.AccessKeyId, options.SecretAccessKey), cognitoRequests, apiRequests, faults);
        if (options.SeedTestUser)
        {
            var seed = ReferenceStack.TestUser;
            emulator.CreateUser(seed.Username, seed.TemporaryPassword, permanent: false, [new("email_verified", "true")]);
        }

        Log.EmulatorStarted(logger, cognitoEndpoint, apiUrl, pool.Id, clientId);
        return emulator;
    }

    /// <summary>
    /// Creates a user as AdminCreateUser does (email as username, status FORCE_CHANGE_PASSWORD), or with a
    /// permanent password (status CONFIRMED) when <paramref name="permanent"/> is set.
    /// </summary>
    /// <param name="email">The email the user signs in with.</param>
    /// <param name="password">The temporary or permanent password; it must satisfy the pool's policy.</param>
    /// <param name="permanent">Whether the password is permanent.</param>
    /// <param name="attributes">Further attributes, e.g. <c>email_verified</c>.</param>
    /// <returns>The user's real username (a UUID, also its <c>sub</c>).</returns>
    public string CreateUser(string email, string password, bool permanent = false, IEnumerable<KeyValuePair<string, string>>? attributes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return Administer(() =>
        {
            var created = _administration.AdminCreateUser(new AdminCreateUserRequest
            {
                UserPoolId = UserPoolId,
                Username = email,
                TemporaryPassword = password,
                MessageAction = "SUPPRESS",
                UserAttributes = attributes?.Select(a => AttributeType.Of(a.Key, a.Value)).ToList(),
            });
            if (permanent)
            {
                _administration.AdminSetUserPassword(new AdminSetUserPasswordRequest
                {
                    UserPoolId = UserPoolId,
                    Username = created.User!.Username,
                    Password = password,
                    Permanent = true,
                });
            }

            return created.User!.Username!;
        });
    }

    /// <summary>Disables a user as AdminDisableUser does: sign-in and refresh then fail with "User is disabled.".</summary>
    /// <param name="username">The email or real username.</param>
    public void DisableUser(string username) => Administer(() => _administration.AdminDisableUser(new AdminUserRequest { UserPoolId = UserPoolId, Username = username }));

    /// <summary>Enables a disabled user as AdminEnableUser does.</summary>
    /// <param name="username">The email or real username.</param>
    public void EnableUser(string username) => Administer(() => _administration.AdminEnableUser(new AdminUserRequest { UserPoolId = UserPoolId, Username = username }));

    /// <summary>Deletes a user as AdminDeleteUser does; its refresh tokens stop working.</summary>
    /// <param name="username">The email or real username.</param>
    public void DeleteUser(string username) => Administer(() => _administration.AdminDeleteUser(new AdminUserRequest { UserPoolId = UserPoolId, Username = username }));

    /// <summary>Stops both servers and releases the signing key.</summary>
    /// <returns>A task that completes when the emulator is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"CognitoEmulator {{ CognitoEndpoint = {CognitoEndpoint}, ApiUrl = {ApiUrl}, UserPoolId = {UserPoolId} }}";

    private static AppClient NewClient(
        string clientId, string name, bool generateSecret, IEnumerable<string> explicitAuthFlows, bool preventUserExistenceErrors, bool enableTokenRevocation, CognitoEmulatorOptions options) => new()
    {
        ClientId = clientId,
        Name = name,
        ClientSecret = generateSecret ? RandomIds.ClientSecret() : null,
        ExplicitAuthFlows = explicitAuthFlows.ToHashSet(StringComparer.Ordinal),
        PreventUserExistenceErrors = preventUserExistenceErrors,
        EnableTokenRevocation = enableTokenRevocation,
        AccessTokenValidity = options.AccessTokenLifetime,
        IdTokenValidity = options.IdTokenLifetime,
        RefreshTokenValidity = options.RefreshTokenLifetime,
    };

    private static string IssuerOf(Uri cognitoEndpoint, string userPoolId) => $"{cognitoEndpoint.AbsoluteUri.TrimEnd('/')}/{userPoolId}";

    // The in-process hooks run the same code as the admin operations; Cognito's errors surface as InvalidOperationException.
    private static T Administer<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (CognitoServiceException ex)
        {
            throw new InvalidOperationException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
