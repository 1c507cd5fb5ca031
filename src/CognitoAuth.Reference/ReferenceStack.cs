using CognitoAuth.Function;

namespace CognitoAuth.Reference;

/// <summary>
/// The reference stack, defined once. The CDK stack deploys exactly this and the emulator serves exactly
/// this, so the two cannot drift apart.
/// </summary>
public static partial class ReferenceStack
{
    /// <summary>The CloudFormation stack name (Contract 2).</summary>
    public const string StackName = "CognitoAuthStack";

    /// <summary>The region used when none is given.</summary>
    public const string DefaultRegion = "ap-northeast-1";

    /// <summary>The user pool.</summary>
    public static UserPoolDefinition UserPool { get; } = new(
        Name: "cognito-auth-user-pool",
        SignInWithEmailAsUsername: true,
        SelfSignUpEnabled: false,
        PasswordPolicy: new PasswordPolicyDefinition(
            MinimumLength: 8,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireDigits: true,
            RequireSymbols: true,
            TemporaryPasswordValidity: TimeSpan.FromDays(7)))
    {
        AccountRecoveryByEmailOnly = true,
        Mfa = MfaDefinition.Optional,
        SoftwareTokenMfa = true,
        SmsMfa = false,
        CaseSensitiveSignIn = false,
        VerificationEmailSubject = "Verify your new account",
        VerificationMessage = "The verification code to your new account is {####}",
    };

    /// <summary>
    /// The stem of the user pool domain's prefix. Domain prefixes are global per region, so the stack appends the account
    /// id; Cognito refuses prefixes containing <c>aws</c>, <c>amazon</c> or <c>cognito</c>.
    /// </summary>
    public const string DomainPrefixStem = "cauth-ref";

    /// <summary>The resource server whose custom scope guards <c>GET /scoped/hello</c>.</summary>
    public static ResourceServerDefinition ResourceServer { get; } = new(
        Identifier: "cognito-auth-api",
        Name: "cognito-auth-api",
        Scopes: [new ResourceServerScopeDefinition("hello.read", "Read the hello route")]);

    /// <summary>The scope <c>GET /scoped/hello</c> requires: <c>cognito-auth-api/hello.read</c>.</summary>
    public static string HelloReadScope { get; } = $"{ResourceServer.Identifier}/{ResourceServer.Scopes[0].Name}";

    /// <summary>The OAuth scopes the user app client's managed login (authorization code flow) may ask for.</summary>
    public static IReadOnlyList<string> UserOAuthScopes { get; } = ["openid", "email", "profile", "aws.cognito.signin.user.admin"];

    /// <summary>The app client for people: password, SRP and managed-login sign-in. The API's JWT authorizer accepts it as audience.</summary>
    public static AppClientDefinition AppClient { get; } = new(
        Name: "cognito-auth-client",
        ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        GenerateSecret: false,
        PreventUserExistenceErrors: true,
        EnableTokenRevocation: true,
        AccessTokenValidity: TimeSpan.FromMinutes(60),
        IdTokenValidity: TimeSpan.FromMinutes(60),
        RefreshTokenValidity: TimeSpan.FromDays(30))
    {
        AllowedOAuthFlows = ["code"],
        AllowedOAuthScopes = UserOAuthScopes,
        CallbackUrls = ["http://localhost:8400/callback"],
        LogoutUrls = ["http://localhost:8400/"],
    };

    /// <summary>
    /// The confidential app client for services without a user: the OAuth 2.0 client-credentials grant at the token
    /// endpoint, for the resource server's scope. The API's JWT authorizer accepts it as audience too.
    /// </summary>
    public static AppClientDefinition MachineClient { get; } = new(
        Name: "cognito-auth-machine",
        ExplicitAuthFlows: [],
        GenerateSecret: true,
        PreventUserExistenceErrors: true,
        EnableTokenRevocation: true,
        AccessTokenValidity: TimeSpan.FromMinutes(60),
        IdTokenValidity: TimeSpan.FromMinutes(60),
        RefreshTokenValidity: TimeSpan.FromDays(30))
    {
        AllowedOAuthFlows = ["client_credentials"],
        AllowedOAuthScopes = [HelloReadScope],
    };

    /// <summary>The refresh-token reuse grace period used when rotation is switched on for the user app client.</summary>
    public static TimeSpan RefreshTokenRotationGracePeriod { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The Lambda handler string (Contract 3), built from the real type and method so that a rename
    /// breaks the build instead of the deployment.
    /// </summary>
    public static string FunctionHandler { get; } =
        $"{typeof(ApiFunction).Assembly.GetName().Name!}::{typeof(ApiFunction).FullName!}::{nameof(ApiFunction.Handle)}";

    /// <summary>The Lambda function behind every route.</summary>
    public static FunctionDefinition Function { get; } = new(
        Handler: FunctionHandler,
        Runtime: "dotnet10",
        MemorySizeMb: 512,
        Timeout: TimeSpan.FromSeconds(10));

    /// <summary>The protected routes, each behind the JWT authorizer.</summary>
    public static IReadOnlyList<RouteDefinition> Routes { get; } =
    [
        new("GET", "/hello"),
        new("GET", "/me"),
        new("GET", "/scoped/hello") { AuthorizationScopes = [HelloReadScope] },
    ];

    /// <summary>The HTTP API in front of the function: its JWT authorizer and its stage.</summary>
    public static HttpApiDefinition Api { get; } = new(
        Name: "cognito-auth-api",
        AuthorizerName: "cognito-jwt",
        IdentitySource: "$request.header.Authorization",
        StageName: "$default",
        ThrottlingBurstLimit: 50,
        ThrottlingRateLimit: 100);

    /// <summary>The user the walkthrough signs in with; the local stack seeds it.</summary>
    public static SeedUser TestUser { get; } = new("testuser@example.com", "TempPass123!", "NewSecurePass123!");


    /// <summary>The issuer a pool's tokens carry: <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>.</summary>
    public static string IssuerFor(string region, string userPoolId) =>
        $"https://cognito-idp.{region}.amazonaws.com/{userPoolId}";
}

/// <summary>Names of the stack outputs (Contract 2).</summary>
public static class StackOutputs
{
    /// <summary>The region of the pool and API.</summary>
    public const string Region = "Region";

    /// <summary>The user pool id.</summary>
    public const string UserPoolId = "UserPoolId";

    /// <summary>The app client id.</summary>
    public const string UserPoolClientId = "UserPoolClientId";

    /// <summary>The API's base URL, ending with <c>/</c>.</summary>
    public const string ApiUrl = "ApiUrl";

    /// <summary>Local stack only: the Cognito endpoint to use as <c>ServiceUrl</c>.</summary>
    public const string CognitoEndpoint = "CognitoEndpoint";

    /// <summary>The machine (client-credentials) app client id.</summary>
    public const string MachineClientId = "MachineClientId";

    /// <summary>The pool domain's OAuth 2.0 token endpoint, <c>https://{prefix}.auth.{region}.amazoncognito.com/oauth2/token</c>.</summary>
    public const string TokenEndpoint = "TokenEndpoint";

    /// <summary>Local stack only: the machine client's secret (a deployed stack never outputs a secret).</summary>
    public const string MachineClientSecret = "MachineClientSecret";
}

/// <summary>The user pool's settings.</summary>
public sealed record UserPoolDefinition(
    string Name,
    bool SignInWithEmailAsUsername,
    bool SelfSignUpEnabled,
    PasswordPolicyDefinition PasswordPolicy)
{
    /// <summary>
    /// Whether a forgotten password is recovered through the verified email address only (never SMS).
    /// </summary>
    /// <value>The default value is <see langword="false"/>; the reference pool sets it.</value>
    public bool AccountRecoveryByEmailOnly { get; init; }

    /// <summary>Whether users sign in with a second factor.</summary>
    /// <value>The default value is <see cref="MfaDefinition.Off"/>; the reference pool is <see cref="MfaDefinition.Optional"/>.</value>
    public MfaDefinition Mfa { get; init; } = MfaDefinition.Off;

    /// <summary>Whether an authenticator app (TOTP, <c>SOFTWARE_TOKEN_MFA</c>) is an allowed second factor.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SoftwareTokenMfa { get; init; }

    /// <summary>Whether SMS is an allowed second factor.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SmsMfa { get; init; }

    /// <summary>
    /// Whether the username (and the email it is) must be typed with the same case it was created with
    /// (<c>UsernameConfiguration.CaseSensitive</c>). AWS recommends case-insensitive pools; a pool created without the setting
    /// is case sensitive.
    /// </summary>
    /// <value>The default value is <see langword="true"/>, as Cognito's; the reference pool is case insensitive.</value>
    public bool CaseSensitiveSignIn { get; init; } = true;

    /// <summary>The subject of the email that carries a verification code.</summary>
    /// <value>The default value is CDK's, <c>Verify your new account</c>.</value>
    public string VerificationEmailSubject { get; init; } = "Verify your new account";

    /// <summary>The email and SMS text that carries a verification code (<c>{####}</c>).</summary>
    /// <value>The default value is CDK's, <c>The verification code to your new account is {####}</c>.</value>
    public string VerificationMessage { get; init; } = "The verification code to your new account is {####}";
}

/// <summary>The pool's MFA configuration, as Cognito names it (<c>MfaConfiguration</c>).</summary>
public enum MfaDefinition
{
    /// <summary><c>OFF</c>: no second factor.</summary>
    Off,

    /// <summary><c>OPTIONAL</c>: users who enrolled a factor are asked for it.</summary>
    Optional,

    /// <summary><c>ON</c>: every user must sign in with a second factor (and enrol one first, <c>MFA_SETUP</c>).</summary>
    On,
}

/// <summary>The password policy; it accepts the walkthrough's <c>TempPass123!</c> and <c>NewSecurePass123!</c>.</summary>
public sealed record PasswordPolicyDefinition(
    int MinimumLength,
    bool RequireLowercase,
    bool RequireUppercase,
    bool RequireDigits,
    bool RequireSymbols,
    TimeSpan TemporaryPasswordValidity)
{
    /// <summary>The symbols Cognito counts as special characters.</summary>
    public const string Symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    /// <summary>Returns the first rule the password breaks, or <see langword="null"/> when it conforms.</summary>
    public string? Violation(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumLength)
        {
            return $"Password not long enough (minimum {MinimumLength})";
        }

        if (RequireLowercase && !password.Any(char.IsAsciiLetterLower))
        {
            return "Password must have lowercase characters";
        }

        if (RequireUppercase && !password.Any(char.IsAsciiLetterUpper))
        {
            return "Password must have uppercase characters";
        }

        if (RequireDigits && !password.Any(char.IsAsciiDigit))
        {
            return "Password must have numeric characters";
        }

        if (RequireSymbols && !password.Any(c => Symbols.Contains(c, StringComparison.Ordinal)))
        {
            return "Password must have symbol characters";
        }

        return null;
    }
}

/// <summary>The app client's settings.</summary>
public sealed record AppClientDefinition(
    string Name,
    IReadOnlyList<string> ExplicitAuthFlows,
    bool GenerateSecret,
    bool PreventUserExistenceErrors,
    bool EnableTokenRevocation,
    TimeSpan AccessTokenValidity,
    TimeSpan IdTokenValidity,
    TimeSpan RefreshTokenValidity)
{
    /// <summary>The OAuth 2.0 flows the client may use at the pool domain (<c>code</c>, <c>client_credentials</c>).</summary>
    /// <value>The default value is empty: no OAuth (API-only sign-in).</value>
    public IReadOnlyList<string> AllowedOAuthFlows { get; init; } = [];

    /// <summary>The OAuth scopes the client may be granted (standard scopes, or <c>{resource server}/{scope}</c>).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> AllowedOAuthScopes { get; init; } = [];

    /// <summary>Where managed login may redirect with an authorization code; compared exactly.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> CallbackUrls { get; init; } = [];

    /// <summary>Where <c>/logout</c> may redirect.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> LogoutUrls { get; init; } = [];
}

/// <summary>A resource server: an API identifier and the custom scopes a token can carry for it.</summary>
public sealed record ResourceServerDefinition(string Identifier, string Name, IReadOnlyList<ResourceServerScopeDefinition> Scopes);

/// <summary>A custom scope of a resource server; tokens carry it as <c>{identifier}/{name}</c>.</summary>
public sealed record ResourceServerScopeDefinition(string Name, string Description);

/// <summary>The function's deployment settings.</summary>
public sealed record FunctionDefinition(string Handler, string Runtime, int MemorySizeMb, TimeSpan Timeout);

/// <summary>
/// The HTTP API's settings: the JWT authorizer's name and identity source (the request part that must hold
/// the token alone or <c>Bearer &lt;token&gt;</c>), the stage, and the stage's throttling.
/// </summary>
public sealed record HttpApiDefinition(
    string Name,
    string AuthorizerName,
    string IdentitySource,
    string StageName,
    int ThrottlingBurstLimit,
    double ThrottlingRateLimit);

/// <summary>A route of the HTTP API, protected by the JWT authorizer.</summary>
public sealed record RouteDefinition(string Method, string Path)
{
    /// <summary>The API Gateway route key, e.g. <c>GET /hello</c>.</summary>
    public string RouteKey => $"{Method} {Path}";

    /// <summary>
    /// The route's authorization scopes: a token must carry one of them in <c>scope</c>, else API Gateway answers 403.
    /// </summary>
    /// <value>The default value is empty: any valid token of an accepted audience.</value>
    public IReadOnlyList<string> AuthorizationScopes { get; init; } = [];
}

/// <summary>The walkthrough's user: its username, temporary password and the new password it sets.</summary>
public sealed record SeedUser(string Username, string TemporaryPassword, string NewPassword)
{
    /// <inheritdoc />
    public override string ToString() => $"SeedUser {{ Username = {Username} }}";
}
