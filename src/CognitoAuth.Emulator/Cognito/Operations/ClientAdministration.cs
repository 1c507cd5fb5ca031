using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// CreateUserPoolClient, DescribeUserPoolClient, ListUserPoolClients, UpdateUserPoolClient and DeleteUserPoolClient, with
/// Cognito's rules for the settings: explicit auth flows (no mix of legacy and <c>ALLOW_</c> names), token validities in
/// their units and ranges, and OAuth (<c>client_credentials</c> needs a secret, stands alone, and takes custom scopes of
/// the pool's resource servers), refresh-token rotation (which rules out <c>ALLOW_REFRESH_TOKEN_AUTH</c>, while without rotation
/// <c>ALLOW_</c> names must include it). Without flows given a client gets Cognito's defaults, refresh, SRP and custom auth. As in Cognito,
/// UpdateUserPoolClient resets the settings it is not given — except refresh-token rotation, which stays as it was.
/// </summary>
internal sealed class ClientAdministration(PoolDirectory directory)
{
    public const string RefreshTokenAuthFlow = "ALLOW_REFRESH_TOKEN_AUTH";

    public static readonly IReadOnlyList<string> DefaultAuthFlows = [RefreshTokenAuthFlow, "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"];

    private static readonly string[] AuthFlowValues =
        ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"];

    private static readonly string[] OAuthFlowValues = ["code", "implicit", "client_credentials"];
    private static readonly string[] PreventUserExistenceValues = ["LEGACY", "ENABLED"];
    private static readonly string[] TimeUnitValues = ["seconds", "minutes", "hours", "days"];
    private static readonly string[] FeatureValues = ["ENABLED", "DISABLED"];
    private static readonly HashSet<string> StandardScopes = new(StringComparer.Ordinal) { "phone", "email", "openid", "profile", "aws.cognito.signin.user.admin" };

    public CreateUserPoolClientResponse CreateUserPoolClient(CreateUserPoolClientRequest request)
    {
        Validate(request.UserPoolId, request.ClientName, required: true, request.ExplicitAuthFlows, request.AllowedOAuthFlows, request.PreventUserExistenceErrors, request.TokenValidityUnits, request.RefreshTokenRotation);
        new RequestValidator()
            .MinLength("clientSecret", request.ClientSecret, 24)
            .MaxLength("clientSecret", request.ClientSecret, 64)
            .Pattern("clientSecret", request.ClientSecret, c => char.IsLetterOrDigit(c) || c is '_' or '+', "[\\w+]+")
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var now = pool.Now;
            var settings = new ClientSettings(request.ExplicitAuthFlows, request.RefreshTokenValidity, request.AccessTokenValidity, request.IdTokenValidity,
                request.TokenValidityUnits, request.AllowedOAuthFlows, request.AllowedOAuthScopes, request.AllowedOAuthFlowsUserPoolClient, request.CallbackURLs,
                request.LogoutURLs, request.DefaultRedirectURI, request.SupportedIdentityProviders, request.ReadAttributes, request.WriteAttributes,
                request.PreventUserExistenceErrors, request.EnableTokenRevocation, request.EnablePropagateAdditionalUserContextData, request.AuthSessionValidity,
                request.RefreshTokenRotation);
            var hasSecret = request.GenerateSecret == true || request.ClientSecret is not null;
            EnsureConsistent(pool, settings, hasSecret);

            var client = new AppClient
            {
                ClientId = RandomIds.ClientId(),
                Name = request.ClientName!,
                ClientSecret = request.ClientSecret ?? (hasSecret ? RandomIds.ClientSecret() : null),
                ExplicitAuthFlows = new HashSet<string>(StringComparer.Ordinal),
                AccessTokenValidity = TimeSpan.Zero,
                IdTokenValidity = TimeSpan.Zero,
                RefreshTokenValidity = TimeSpan.Zero,
                AnalyticsConfiguration = request.AnalyticsConfiguration,
                CreatedAt = now,
                LastModifiedAt = now,
            };
            Apply(client, settings, RefreshTokenRotation.Disabled);
            pool.AddClient(client);
            directory.Touch();
            return new CreateUserPoolClientResponse { UserPoolClient = Describe(pool, client) };
        }
    }

    public DescribeUserPoolClientResponse DescribeUserPoolClient(DescribeUserPoolClientRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Required("clientId", request.ClientId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            return new DescribeUserPoolClientResponse { UserPoolClient = Describe(pool, pool.Client(request.ClientId!)) };
        }
    }

    public ListUserPoolClientsResponse ListUserPoolClients(ListUserPoolClientsRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Range("maxResults", request.MaxResults, 1, 60).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var (clients, next) = Paging.Page(pool.Clients.ToList(), request.NextToken, request.MaxResults, 60);
            return new ListUserPoolClientsResponse
            {
                UserPoolClients = [.. clients.Select(c => new UserPoolClientDescription { ClientId = c.ClientId, UserPoolId = pool.Id, ClientName = c.Name })],
                NextToken = next,
            };
        }
    }

    public UpdateUserPoolClientResponse UpdateUserPoolClient(UpdateUserPoolClientRequest request)
    {
        Validate(request.UserPoolId, request.ClientName, required: false, request.ExplicitAuthFlows, request.AllowedOAuthFlows, request.PreventUserExistenceErrors, request.TokenValidityUnits, request.RefreshTokenRotation);
        new RequestValidator().Required("clientId", request.ClientId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var client = pool.Client(request.ClientId!);
            var settings = new ClientSettings(request.ExplicitAuthFlows, request.RefreshTokenValidity, request.AccessTokenValidity, request.IdTokenValidity,
                request.TokenValidityUnits, request.AllowedOAuthFlows, request.AllowedOAuthScopes, request.AllowedOAuthFlowsUserPoolClient, request.CallbackURLs,
                request.LogoutURLs, request.DefaultRedirectURI, request.SupportedIdentityProviders, request.ReadAttributes, request.WriteAttributes,
                request.PreventUserExistenceErrors, request.EnableTokenRevocation, request.EnablePropagateAdditionalUserContextData, request.AuthSessionValidity,
                request.RefreshTokenRotation);
            EnsureConsistent(pool, settings, client.ClientSecret is not null);

            // Rotation the request does not mention stays as it is (AWS keeps it: turning it off takes Feature DISABLED).
            Apply(client, settings, client.RefreshTokenRotation);
            client.Name = request.ClientName ?? client.Name;
            client.AnalyticsConfiguration = request.AnalyticsConfiguration;
            client.LastModifiedAt = pool.Now;
            directory.Touch();
            return new UpdateUserPoolClientResponse { UserPoolClient = Describe(pool, client) };
        }
    }

    public EmptyResponse DeleteUserPoolClient(DescribeUserPoolClientRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Required("clientId", request.ClientId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            pool.RemoveClient(pool.Client(request.ClientId!));
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    /// <summary>The client as DescribeUserPoolClient reports it, its secret included.</summary>
    public static UserPoolClientType Describe(UserPool pool, AppClient client) => new()
    {
        UserPoolId = pool.Id,
        ClientName = client.Name,
        ClientId = client.ClientId,
        ClientSecret = client.ClientSecret,
        LastModifiedDate = client.LastModifiedAt,
        CreationDate = client.CreatedAt,
        RefreshTokenValidity = TokenUnits.FromTimeSpan(client.RefreshTokenValidity, client.Units.RefreshUnit),
        AccessTokenValidity = TokenUnits.FromTimeSpan(client.AccessTokenValidity, client.Units.AccessUnit),
        IdTokenValidity = TokenUnits.FromTimeSpan(client.IdTokenValidity, client.Units.IdUnit),
        TokenValidityUnits = new TokenValidityUnitsType { AccessToken = client.Units.AccessUnit, IdToken = client.Units.IdUnit, RefreshToken = client.Units.RefreshUnit },
        ReadAttributes = client.ReadAttributes?.ToList(),
        WriteAttributes = client.WriteAttributes?.ToList(),
        ExplicitAuthFlows = [.. client.ExplicitAuthFlows.Order(StringComparer.Ordinal)],
        SupportedIdentityProviders = client.SupportedIdentityProviders.Count > 0 ? [.. client.SupportedIdentityProviders] : null,
        CallbackURLs = client.CallbackUrls.Count > 0 ? [.. client.CallbackUrls] : null,
        LogoutURLs = client.LogoutUrls.Count > 0 ? [.. client.LogoutUrls] : null,
        DefaultRedirectURI = client.DefaultRedirectUri,
        AllowedOAuthFlows = client.AllowedOAuthFlows.Count > 0 ? [.. client.AllowedOAuthFlows] : null,
        AllowedOAuthScopes = client.AllowedOAuthScopes.Count > 0 ? [.. client.AllowedOAuthScopes] : null,
        AllowedOAuthFlowsUserPoolClient = client.AllowedOAuthFlowsUserPoolClient,
        AnalyticsConfiguration = client.AnalyticsConfiguration,
        PreventUserExistenceErrors = client.PreventUserExistenceErrors ? "ENABLED" : "LEGACY",
        EnableTokenRevocation = client.EnableTokenRevocation,
        EnablePropagateAdditionalUserContextData = client.EnablePropagateAdditionalUserContextData ?? false,
        AuthSessionValidity = client.AuthSessionValidity ?? 3,

        // Cognito describes rotation on every client, DISABLED with a grace period of 0 when it was never configured.
        RefreshTokenRotation = new RefreshTokenRotationType
        {
            Feature = client.RefreshTokenRotation.Enabled ? "ENABLED" : "DISABLED",
            RetryGracePeriodSeconds = (int)client.RefreshTokenRotation.GracePeriod.TotalSeconds,
        },
    };

    /// <summary>
    /// Sets what a request gave, and Cognito's defaults for what it did not; <paramref name="unchangedRotation"/> is the
    /// rotation a request without <c>RefreshTokenRotation</c> leaves in place.
    /// </summary>
    public static void Apply(AppClient client, ClientSettings settings, RefreshTokenRotation unchangedRotation)
    {
        var rotation = settings.RefreshTokenRotation is { } given
            ? given.Feature == "ENABLED" ? RefreshTokenRotation.After(TimeSpan.FromSeconds(given.RetryGracePeriodSeconds ?? 0)) : RefreshTokenRotation.Disabled
            : unchangedRotation;

        // A rotating client may not allow REFRESH_TOKEN_AUTH; without flows given, its defaults leave that one out.
        var flows = settings.ExplicitAuthFlows is { Count: > 0 } explicitFlows
            ? explicitFlows
            : rotation.Enabled ? [.. DefaultAuthFlows.Where(f => f != RefreshTokenAuthFlow)] : DefaultAuthFlows;
        if (rotation.Enabled && flows.Contains(RefreshTokenAuthFlow, StringComparer.Ordinal))
        {
            throw CognitoErrors.RefreshTokenAuthWithRotation();
        }

        // The ALLOW_ names must include refreshing unless the client rotates (the legacy names leave it implied: AppClient).
        if (!rotation.Enabled && flows.Any(f => f.StartsWith("ALLOW_", StringComparison.Ordinal)) && !flows.Contains(RefreshTokenAuthFlow, StringComparer.Ordinal))
        {
            throw CognitoErrors.InvalidParameter("REFRESH_TOKEN_AUTH should always be allowed.");
        }

        var units = new TokenUnits(
            settings.Units?.AccessToken ?? TokenUnits.Default.AccessUnit,
            settings.Units?.IdToken ?? TokenUnits.Default.IdUnit,
            settings.Units?.RefreshToken ?? TokenUnits.Default.RefreshUnit);

        // Without units, Cognito reads access and ID validities as hours and the refresh validity as days.
        var access = settings.AccessTokenValidity is { } a ? TokenUnits.ToTimeSpan(a, settings.Units?.AccessToken ?? "hours") : TimeSpan.FromMinutes(60);
        var id = settings.IdTokenValidity is { } i ? TokenUnits.ToTimeSpan(i, settings.Units?.IdToken ?? "hours") : TimeSpan.FromMinutes(60);
        var refresh = settings.RefreshTokenValidity is { } r ? TokenUnits.ToTimeSpan(r, settings.Units?.RefreshToken ?? "days") : TimeSpan.FromDays(30);
        if (access < TimeSpan.FromMinutes(5) || access > TimeSpan.FromDays(1) || id < TimeSpan.FromMinutes(5) || id > TimeSpan.FromDays(1))
        {
            throw CognitoErrors.InvalidParameter("Invalid range for token validity: access and ID tokens are valid between 5 minutes and 1 day.");
        }

        if (refresh < TimeSpan.FromHours(1) || refresh > TimeSpan.FromDays(3650))
        {
            throw CognitoErrors.InvalidParameter("Invalid range for token validity: refresh tokens are valid between 60 minutes and 10 years.");
        }

        client.ExplicitAuthFlows = flows.ToHashSet(StringComparer.Ordinal);
        client.RefreshTokenRotation = rotation;
        client.AccessTokenValidity = access;
        client.IdTokenValidity = id;
        client.RefreshTokenValidity = refresh;
        client.Units = units;
        client.AllowedOAuthFlows = settings.AllowedOAuthFlows ?? [];
        client.AllowedOAuthScopes = settings.AllowedOAuthScopes ?? [];
        client.AllowedOAuthFlowsUserPoolClient = settings.AllowedOAuthFlowsUserPoolClient ?? false;
        client.CallbackUrls = settings.CallbackUrls ?? [];
        client.LogoutUrls = settings.LogoutUrls ?? [];
        client.DefaultRedirectUri = settings.DefaultRedirectUri;
        client.SupportedIdentityProviders = settings.SupportedIdentityProviders ?? [];
        client.ReadAttributes = settings.ReadAttributes;
        client.WriteAttributes = settings.WriteAttributes;
        client.PreventUserExistenceErrors = settings.PreventUserExistenceErrors == "ENABLED";
        client.EnableTokenRevocation = settings.EnableTokenRevocation ?? true;
        client.EnablePropagateAdditionalUserContextData = settings.EnablePropagateAdditionalUserContextData;
        client.AuthSessionValidity = settings.AuthSessionValidity;
    }

    /// <summary>Cognito's cross-setting rules for OAuth.</summary>
    public static void EnsureConsistent(UserPool pool, ClientSettings settings, bool hasSecret)
    {
        var flows = settings.AllowedOAuthFlows ?? [];
        if (flows.Contains("client_credentials"))
        {
            if (!hasSecret)
            {
                throw CognitoErrors.InvalidOAuthFlow("client_credentials flow can not be selected if client does not have a client secret.");
            }

            if (flows.Contains("code") || flows.Contains("implicit"))
            {
                throw CognitoErrors.InvalidOAuthFlow("client_credentials flow can not be selected along with code flow or implicit flow.");
            }
        }

        foreach (var scope in settings.AllowedOAuthScopes ?? [])
        {
            if (!StandardScopes.Contains(scope) && !pool.IsCustomScope(scope))
            {
                throw CognitoErrors.ScopeDoesNotExist(scope);
            }

            if (flows.Contains("client_credentials") && StandardScopes.Contains(scope))
            {
                throw CognitoErrors.InvalidOAuthFlow($"client_credentials flow can not be used with the {scope} scope: only custom scopes are granted to a client.");
            }
        }

        if (settings.AllowedOAuthFlowsUserPoolClient == true && (flows.Contains("code") || flows.Contains("implicit")) && settings.CallbackUrls is not { Count: > 0 })
        {
            throw CognitoErrors.InvalidParameter("CallbackURLs can not be empty for the code or implicit flow.");
        }
    }

    private static void Validate(
        string? userPoolId, string? clientName, bool required, List<string>? authFlows, List<string>? oauthFlows, string? preventUserExistence, TokenValidityUnitsType? units,
        RefreshTokenRotationType? rotation)
    {
        var validator = new RequestValidator().Required("userPoolId", userPoolId);
        if (required)
        {
            validator.Required("clientName", clientName);
        }

        if (rotation is not null)
        {
            validator.Required("refreshTokenRotation.feature", rotation.Feature);
        }

        validator
            .MinLength("clientName", clientName, 1)
            .MaxLength("clientName", clientName, 128)
            .EachOneOf("explicitAuthFlows", authFlows, AuthFlowValues)
            .EachOneOf("allowedOAuthFlows", oauthFlows, OAuthFlowValues)
            .OneOf("preventUserExistenceErrors", preventUserExistence, PreventUserExistenceValues)
            .OneOf("tokenValidityUnits.accessToken", units?.AccessToken, TimeUnitValues)
            .OneOf("tokenValidityUnits.idToken", units?.IdToken, TimeUnitValues)
            .OneOf("tokenValidityUnits.refreshToken", units?.RefreshToken, TimeUnitValues)
            .OneOf("refreshTokenRotation.feature", rotation?.Feature, FeatureValues)
            .Range("refreshTokenRotation.retryGracePeriodSeconds", rotation?.RetryGracePeriodSeconds, 0, 60)
            .ThrowIfInvalid();

        if (authFlows is not null && authFlows.Any(f => f.StartsWith("ALLOW_", StringComparison.Ordinal)) && authFlows.Any(f => !f.StartsWith("ALLOW_", StringComparison.Ordinal)))
        {
            throw CognitoErrors.InvalidParameter("ExplicitAuthFlows can not have both ALLOW_XXX and XXX values.");
        }
    }
}
