using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Cognito.Operations;
using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Emulator.Faults;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Local;
using CognitoAuth.Emulator.OAuth;
using CognitoAuth.Emulator.Persistence;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Templates;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Reference;
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
    private readonly EmulatorHost _host;
    private readonly PoolDirectory _directory;
    private readonly UserPool? _pool;
    private readonly UserAdministration _administration;
    private readonly StateStore? _store;
    private readonly EmulatorState _references;
    private readonly string? _clientId;
    private readonly EmulatorAppClient? _machineClient;
    private int _disposed;

    private CognitoEmulator(
        EmulatorHost host,
        PoolDirectory directory,
        UserPool? pool,
        StateStore? store,
        EmulatorState references,
        Uri cognitoEndpoint,
        Uri apiUrl,
        string region,
        IReadOnlyList<EmulatorAppClient> additionalClients,
        EmulatorAppClient? machineClient,
        EmulatorCredentials credentials,
        EmulatorOutputs? outputs = null)
    {
        _host = host;
        _directory = directory;
        _pool = pool;
        _administration = new UserAdministration(directory);
        _store = store;
        _references = references;
        CognitoEndpoint = cognitoEndpoint;
        ApiUrl = apiUrl;
        Region = region;
        _clientId = references.ReferenceClientId;
        AdditionalClients = additionalClients;
        _machineClient = machineClient;
        Credentials = credentials;
        TokenEndpoint = new Uri(cognitoEndpoint, OAuth.TokenEndpoint.Path.TrimStart('/'));
        AuthorizationEndpoint = new Uri(cognitoEndpoint, ManagedLoginEndpoint.AuthorizePath.TrimStart('/'));
        LocalPageUrl = new Uri(cognitoEndpoint, LocalPage.PathPrefix.TrimStart('/'));
        Outputs = outputs ?? new EmulatorOutputs(region, pool!.Id, ClientId, apiUrl, cognitoEndpoint, machineClient!.ClientId, TokenEndpoint, machineClient.ClientSecret!);
    }

    /// <summary>Gets the Cognito endpoint (<c>http://127.0.0.1:{port}/</c>): the client's <c>ServiceUrl</c>, the CLI's <c>--endpoint-url</c>.</summary>
    public Uri CognitoEndpoint { get; }

    /// <summary>Gets the HTTP API's base URL (<c>http://127.0.0.1:{port}/</c>, ending with <c>/</c>).</summary>
    public Uri ApiUrl { get; }

    /// <summary>Gets the region.</summary>
    public string Region { get; }

    /// <summary>Gets the reference user pool's id (the pool the API trusts; more pools can be created with CreateUserPool).</summary>
    /// <remarks>With a template (<see cref="CognitoEmulatorOptions.TemplatePath"/>): its first user pool.</remarks>
    public string UserPoolId => (_pool ?? throw NotInTemplate("user pool")).Id;

    /// <summary>Gets the reference app client's id (no secret; an audience of the API).</summary>
    /// <remarks>With a template: the first app client of its first user pool.</remarks>
    public string ClientId => _clientId ?? throw NotInTemplate("app client");

    /// <summary>
    /// Gets the issuer of the reference pool's tokens: the Cognito endpoint without its trailing slash, then the pool id;
    /// or, with <see cref="EmulatorIssuer.Aws"/>, <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>.
    /// </summary>
    public string Issuer => _directory.Issuers.For(UserPoolId);

    /// <summary>Gets the app clients created from <see cref="CognitoEmulatorOptions.AdditionalClients"/>, in order.</summary>
    public IReadOnlyList<EmulatorAppClient> AdditionalClients { get; }

    /// <summary>
    /// Gets the reference machine client (<c>cognito-auth-machine</c>: a secret, the <c>client_credentials</c> flow, scope
    /// <c>cognito-auth-api/hello.read</c>), an audience of the API.
    /// </summary>
    /// <remarks>With a template: the first app client of its first pool that has a secret.</remarks>
    public EmulatorAppClient MachineClient => _machineClient ?? throw NotInTemplate("app client with a secret");

    /// <summary>
    /// Gets the user app client's refresh-token rotation grace period when it rotates refresh tokens
    /// (<see cref="CognitoEmulatorOptions.RefreshTokenRotation"/>), or <see langword="null"/> when it does not.
    /// </summary>
    public TimeSpan? RefreshTokenRotationGracePeriod
    {
        get
        {
            lock (_directory.Gate)
            {
                return _clientId is null ? null : _pool!.FindClient(_clientId)?.RefreshTokenRotation is { Enabled: true } rotation ? rotation.GracePeriod : null;
            }
        }
    }

    /// <summary>Gets the OAuth 2.0 token endpoint of every pool with a domain: <c>{CognitoEndpoint}oauth2/token</c>.</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>
    /// Gets the managed login's authorization endpoint of every pool with a domain, <c>{CognitoEndpoint}oauth2/authorize</c>
    /// (the pool is found from <c>client_id</c>); the discovery document's <c>authorization_endpoint</c>.
    /// </summary>
    public Uri AuthorizationEndpoint { get; }

    /// <summary>Gets the emulator's own web page, <c>{CognitoEndpoint}_local/</c>: pools, clients, users, requests, tokens, inbox.</summary>
    public Uri LocalPageUrl { get; }

    /// <summary>Gets what the pools would have e-mailed or texted: confirmation codes, temporary passwords, reset codes.</summary>
    public EmulatorInbox Inbox => _directory.Inbox;

    /// <summary>The count of changes to what the data directory keeps; the state file is written when it moves.</summary>
    internal long StateVersion
    {
        get
        {
            lock (_directory.Gate)
            {
                return _directory.Version;
            }
        }
    }

    /// <summary>Gets the local AWS credentials admin operations must be signed with.</summary>
    public EmulatorCredentials Credentials { get; }

    /// <summary>Gets the stack outputs (Contract 2 shape).</summary>
    public EmulatorOutputs Outputs { get; }

    /// <summary>
    /// Gets the count of Cognito requests by operation name (e.g. <c>AdminInitiateAuth</c>; <c>oauth2/token</c>,
    /// <c>oauth2/authorize</c>, <c>login</c>, <c>logout</c>, <c>error</c>, <c>oauth2/userInfo</c> and <c>oauth2/revoke</c> for the
    /// pool domain's endpoints).
    /// </summary>
    public RequestCounters CognitoRequests => _host.CognitoRequests;

    /// <summary>Gets the count of API requests by route key (e.g. <c>GET /hello</c>), counted before authorization.</summary>
    public RequestCounters ApiRequests => _host.ApiRequests;

    /// <summary>
    /// Gets the faults queued for the Cognito endpoint: throttling, 5xx, slow or hanging answers, dropped connections,
    /// truncated or malformed bodies, applied one per request of the named operation. Empty unless a test queues some.
    /// </summary>
    public CognitoFaults Faults => _host.Faults;

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

        // Resolved first: a handler that does not load, a data directory that cannot be used, or a signing key file that is
        // not a key, fails the start before anything is bound (and with the data directory's lock let go).
        var function = LambdaFunction.Load(ReferenceStack.FunctionHandler);

        // Contract 6 (Templates/StackDeployment): a template is read and checked here, before anything binds, and replaces
        // the reference stack.
        var stack = options.TemplatePath is { } templatePath
            ? StackDeployment.Prepare(templatePath, options.TemplateParameters.AsReadOnly(), options.StackName, options.Region, options.DataDirectory)
            : null;
        var issuers = new IssuerNaming(options.Issuer);
        var directory = new PoolDirectory(options.TimeProvider, options.SessionLifetime, issuers, new EmulatorInbox());
        var store = options.DataDirectory is { } dataDirectory ? StateStore.Open(dataDirectory) : null;
        EmulatorState? restored;
        SigningKey? newPoolKey;
        try
        {
            restored = store?.Load(directory);
            if (restored is not null && stack is null)
            {
                EnsureMatches(restored, directory, options);
            }

            if (stack is not null && restored?.ReferencePoolId is not null)
            {
                throw new InvalidOperationException("The data directory holds the built-in reference stack; give the template a data directory of its own.");
            }

            // Only a new reference pool takes the key; on a restart the stored pool's key stands and the file is not read.
            newPoolKey = restored is not null || stack is not null ? null
                : options.SigningKeyPath is { } keyPath ? SigningKey.Load(keyPath) : directory.SigningKeys.Take();
        }
        catch
        {
            store?.Dispose();
            throw;
        }

        // How it is hosted (Hosting/EmulatorHost, the composition root): bound here, serving once the stack below is in place.
        var host = EmulatorHost.Create(options, directory, loggerFactory);
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            newPoolKey?.Dispose();
            store?.Dispose();
            throw;
        }

        var cognitoEndpoint = host.CognitoEndpoint;
        var apiUrl = host.ApiUrl;
        issuers.Bind(cognitoEndpoint);

        var references = restored ?? new EmulatorState();
        DeployedStack? deployed = null;
        if (stack is not null)
        {
            try
            {
                deployed = await stack.DeployAsync(directory, CognitoOperation.All(directory, options.Region), cognitoEndpoint, apiUrl, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await host.DisposeAsync().ConfigureAwait(false);
                store?.Dispose();
                throw;
            }
        }

        // The pools' triggers run from here on (Contract 5): the reference trigger, the options' functions, a template's own.
        directory.Lambdas = LambdaRunner.Create(options, loggerFactory.CreateLogger("CognitoAuth.Emulator.Triggers"), deployed?.TriggerFunctions, deployed?.FunctionNames);

        var (pool, seeded) = deployed is not null ? (deployed.PrimaryPoolId is { } primary ? directory.Pool(primary) : null, false)
            : restored is null
            ? (CreateReferencePool(directory, options, references, newPoolKey!), true)
            : (directory.Pool(restored.ReferencePoolId!), false);
        var additionalClients = new List<EmulatorAppClient>();
        var audiences = new HashSet<string>(StringComparer.Ordinal) { references.ReferenceClientId ?? string.Empty, references.MachineClientId ?? string.Empty };
        lock (directory.Gate)
        {
            for (var i = 0; i < options.AdditionalClients.Count; i++)
            {
                var extra = options.AdditionalClients[i];
                AppClient client;
                if (i < references.AdditionalClientIds.Count && pool!.FindClient(references.AdditionalClientIds[i]) is { } existing)
                {
                    client = existing;
                }
                else
                {
                    client = NewClient(RandomIds.ClientId(), extra.Name, extra.GenerateSecret, extra.ExplicitAuthFlows,
                        extra.PreventUserExistenceErrors, extra.EnableTokenRevocation, options, pool!.Now);
                    pool.AddClient(client);

                    // A stored id whose client was deleted gives its slot to the new one: appended, it would shift every
                    // later restart onto yet another new client.
                    if (i < references.AdditionalClientIds.Count)
                    {
                        references.AdditionalClientIds[i] = client.ClientId;
                    }
                    else
                    {
                        references.AdditionalClientIds.Add(client.ClientId);
                    }

                    directory.Touch();
                }

                if (Rotate(client, extra.RefreshTokenRotation, extra.RefreshTokenRotationGracePeriod))
                {
                    directory.Touch();
                }

                additionalClients.Add(new EmulatorAppClient(client.Name, client.ClientId, client.ClientSecret));
                if (extra.AcceptedByApi)
                {
                    audiences.Add(client.ClientId);
                }
            }
        }

        lock (directory.Gate)
        {
            // The user app client rotates refresh tokens exactly when the options say so, on a restart too.
            if (deployed is null && Rotate(pool!.FindClient(references.ReferenceClientId!)!, options.RefreshTokenRotation, options.RefreshTokenRotationGracePeriod))
            {
                directory.Touch();
            }
        }

        AppClient? machine;
        if (deployed is not null)
        {
            // A template's "reference" pool and clients, for the in-process helpers: its first pool, client and client with a secret.
            lock (directory.Gate)
            {
                references = new EmulatorState { ReferenceClientId = pool?.Clients.FirstOrDefault()?.ClientId };
                machine = pool?.Clients.FirstOrDefault(c => c.ClientSecret is not null);
            }
        }
        else
        {
            machine = pool!.FindClient(references.MachineClientId!)!;
        }

        Action? commit = store is null ? null : () => store.Commit(directory, references);
        var apis = deployed is not null ? deployed.Apis : [HttpApi.Reference(
            ReferenceStack.Routes,
            new JwtAuthorizer(pool!.Tokens.Issuer, audiences, [pool.Key], options.TimeProvider),
            function,
            RandomIds.ApiId())];
        host.Serve(new ServedStack(apis, commit));

        var emulator = new CognitoEmulator(
            host, directory, pool, store, references, cognitoEndpoint, deployed?.ApiUrls.Count == 1 ? deployed.ApiUrls.Values.Single() : apiUrl, options.Region, additionalClients,
            machine is null ? null : new EmulatorAppClient(machine.Name, machine.ClientId, machine.ClientSecret),
            new EmulatorCredentials(options.AccessKeyId, options.SecretAccessKey),
            deployed is null ? null : new EmulatorOutputs(deployed.StackName, options.Region, deployed.Outputs, cognitoEndpoint));
        if (seeded && options.SeedTestUser)
        {
            var seed = ReferenceStack.TestUser;
            emulator.CreateUser(seed.Username, seed.TemporaryPassword, permanent: false, [new("email_verified", "true")]);
        }

        emulator.Commit();
        if (deployed is not null)
        {
            // Contract 6: the stack's ids stay across restarts over the same data directory.
            if (store is not null)
            {
                deployed.State.Save(store.Directory);
            }

            StackDeployment.Report(logger, deployed, cognitoEndpoint);
            return emulator;
        }

        Log.EmulatorStarted(logger, cognitoEndpoint, apiUrl, pool!.Id, emulator.ClientId);
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
            // Not under the state lock: a PreSignUp trigger of the pool runs (on the thread pool) while this waits.
            var created = _administration.AdminCreateUserAsync(new AdminCreateUserRequest
            {
                UserPoolId = UserPoolId,
                Username = email,
                TemporaryPassword = password,
                MessageAction = "SUPPRESS",
                UserAttributes = attributes?.Select(a => AttributeType.Of(a.Key, a.Value)).ToList(),
            }, CancellationToken.None).GetAwaiter().GetResult();
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

        await _host.DisposeAsync().ConfigureAwait(false);
        _store?.Dispose();
        _directory.Lambdas?.Dispose();
        lock (_directory.Gate)
        {
            foreach (var pool in _directory.Pools)
            {
                pool.Key.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"CognitoEmulator {{ CognitoEndpoint = {CognitoEndpoint}, ApiUrl = {ApiUrl}, UserPoolId = {UserPoolId} }}";

    private void Commit() => _store?.Commit(_directory, _references);

    private static InvalidOperationException NotInTemplate(string what) =>
        new($"The deployed template has no {what}; read the ids from Outputs (the template's outputs).");

    /// <summary>
    /// The reference stack's pool as CognitoAuth.Reference defines it: the pool, the user app client, the resource server,
    /// the machine client and a domain (so the token endpoint serves it).
    /// </summary>
    private static UserPool CreateReferencePool(PoolDirectory directory, CognitoEmulatorOptions options, EmulatorState references, SigningKey key)
    {
        // Contract 5: the reference trigger (V2_0, which needs the ESSENTIALS feature plan) gives members of `readers` the
        // scope GET /scoped/hello requires; it runs in-process (LambdaRunner knows it by its function name).
        var poolDefinition = PoolDefaults.Reference();
        poolDefinition.UserPoolTier = ReferenceStack.FeaturePlan;
        using (var lambdaConfig = System.Text.Json.JsonDocument.Parse(TriggerJson.ToBytes(PoolLambdaConfig.Reference(options.Region, RandomIds.AccountId))))
        {
            poolDefinition.LambdaConfig = lambdaConfig.RootElement.Clone();
        }

        var pool = new PoolAdministration(directory, options.Region).Create(poolDefinition, options.UserPoolId, key);
        lock (directory.Gate)
        {
            pool.AddGroup(new PoolGroup
            {
                Name = ReferenceStack.ReadersGroup.Name,
                Description = ReferenceStack.ReadersGroup.Description,
                CreatedAt = pool.Now,
                LastModifiedAt = pool.Now,
            });

            // MFA OPTIONAL with software tokens only (SetUserPoolMfaConfig's part of the definition).
            pool.MfaSettings = new PoolMfaSettings(ReferenceStack.UserPool.SoftwareTokenMfa, null, null, null);
            var now = pool.Now;
            var reference = ReferenceStack.AppClient;
            var userClient = NewClient(options.ClientId ?? RandomIds.ClientId(), reference.Name, reference.GenerateSecret, ExplicitAuthFlows.Deployed(reference.ExplicitAuthFlows, refreshTokenRotation: false),
                reference.PreventUserExistenceErrors, reference.EnableTokenRevocation, options, now);
            userClient.AllowedOAuthFlows = reference.AllowedOAuthFlows;
            userClient.AllowedOAuthScopes = reference.AllowedOAuthScopes;
            userClient.AllowedOAuthFlowsUserPoolClient = reference.AllowedOAuthFlows.Count > 0;
            userClient.CallbackUrls = reference.CallbackUrls;
            userClient.LogoutUrls = reference.LogoutUrls;
            userClient.SupportedIdentityProviders = ["COGNITO"];
            pool.AddClient(userClient);

            var server = ReferenceStack.ResourceServer;
            pool.PutResourceServer(new ResourceServerType
            {
                UserPoolId = pool.Id,
                Identifier = server.Identifier,
                Name = server.Name,
                Scopes = [.. server.Scopes.Select(s => new ResourceServerScopeType { ScopeName = s.Name, ScopeDescription = s.Description })],
            });

            // As the stack deploys it: a client that defines no auth flow gets exactly ALLOW_REFRESH_TOKEN_AUTH. An empty list
            // here would read as the legacy "every flow" and let people sign in through the machine client.
            var definition = ReferenceStack.MachineClient;
            var machine = NewClient(RandomIds.ClientId(), definition.Name, definition.GenerateSecret, ExplicitAuthFlows.Deployed(definition.ExplicitAuthFlows, refreshTokenRotation: false),
                definition.PreventUserExistenceErrors, definition.EnableTokenRevocation, options, now);
            machine.AccessTokenValidity = options.AccessTokenLifetime;
            machine.AllowedOAuthFlows = definition.AllowedOAuthFlows;
            machine.AllowedOAuthScopes = definition.AllowedOAuthScopes;
            machine.AllowedOAuthFlowsUserPoolClient = true;
            machine.SupportedIdentityProviders = ["COGNITO"];
            pool.AddClient(machine);
            // The pool id after its region (the part SRP names the pool by), lower-cased as a domain prefix must be.
            directory.SetDomain(pool, $"{ReferenceStack.DomainPrefixStem}-{pool.SrpName.ToLowerInvariant()}");

            references.ReferencePoolId = pool.Id;
            references.ReferenceClientId = userClient.ClientId;
            references.MachineClientId = machine.ClientId;
            directory.Touch();
        }

        return pool;
    }

    /// <summary>Fixed ids in the options must name what the data directory holds: a restart never swaps the stack silently.</summary>
    private static void EnsureMatches(EmulatorState restored, PoolDirectory directory, CognitoEmulatorOptions options)
    {
        if (restored.ReferencePoolId is not { } poolId || directory.FindPool(poolId) is not { } pool
            || restored.ReferenceClientId is not { } clientId || pool.FindClient(clientId) is null
            || restored.MachineClientId is not { } machineId || pool.FindClient(machineId) is null)
        {
            throw new InvalidOperationException("The data directory's state has no reference pool with its app clients; move the state file away to start afresh.");
        }

        if (options.UserPoolId is { } wantedPool && wantedPool != poolId)
        {
            throw new ArgumentException($"The data directory holds user pool {poolId}, but the options ask for {wantedPool}.", nameof(options));
        }

        if (options.ClientId is { } wantedClient && wantedClient != clientId)
        {
            throw new ArgumentException($"The data directory holds app client {clientId}, but the options ask for {wantedClient}.", nameof(options));
        }

        if (!poolId.StartsWith(options.Region + "_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The data directory holds user pool {poolId}, which is not in region {options.Region}.", nameof(options));
        }
    }

    private static AppClient NewClient(
        string clientId, string name, bool generateSecret, IEnumerable<string> explicitAuthFlows, bool preventUserExistenceErrors, bool enableTokenRevocation,
        CognitoEmulatorOptions options, DateTimeOffset now) => new()
    {
        CreatedAt = now,
        LastModifiedAt = now,
        ClientId = clientId,
        Name = name,
        ClientSecret = generateSecret ? RandomIds.ClientSecret() : null,
        ExplicitAuthFlows = explicitAuthFlows.ToHashSet(StringComparer.Ordinal),
        PreventUserExistenceErrors = preventUserExistenceErrors,
        EnableTokenRevocation = enableTokenRevocation,
        AccessTokenValidity = options.AccessTokenLifetime,
        IdTokenValidity = options.IdTokenLifetime,
        RefreshTokenValidity = options.RefreshTokenLifetime,
        Units = TokenUnits.Fitting(options.AccessTokenLifetime, options.IdTokenLifetime, options.RefreshTokenLifetime),
    };

    /// <summary>
    /// Switches rotation on (with the grace period) or off for an app client made from options; a rotating client cannot allow
    /// <c>REFRESH_TOKEN_AUTH</c>, as in Cognito, so the flow goes while rotation is on and comes back when it is off.
    /// Returns whether anything changed.
    /// </summary>
    private static bool Rotate(AppClient client, bool rotate, TimeSpan gracePeriod)
    {
        var before = (client.RefreshTokenRotation, client.ExplicitAuthFlows.Count);
        var flows = new HashSet<string>(client.ExplicitAuthFlows, StringComparer.Ordinal);
        if (rotate)
        {
            client.RefreshTokenRotation = RefreshTokenRotation.After(gracePeriod);
            flows.Remove(ClientAdministration.RefreshTokenAuthFlow);
        }
        else if (client.RefreshTokenRotation.Enabled)
        {
            client.RefreshTokenRotation = RefreshTokenRotation.Disabled;
            flows.Add(ClientAdministration.RefreshTokenAuthFlow);
        }

        client.ExplicitAuthFlows = flows;
        return before != (client.RefreshTokenRotation, client.ExplicitAuthFlows.Count);
    }

    // The in-process hooks run the same code as the admin operations; Cognito's errors surface as InvalidOperationException.
    private T Administer<T>(Func<T> operation)
    {
        try
        {
            var result = operation();
            Commit();
            return result;
        }
        catch (CognitoServiceException ex)
        {
            throw new InvalidOperationException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
