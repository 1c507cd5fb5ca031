using CognitoAuth.Function;

namespace CognitoAuth.Reference;

/// <summary>
/// The reference stack, defined once. The CDK stack deploys exactly this and the emulator serves exactly
/// this, so the two cannot drift apart.
/// </summary>
public static class ReferenceStack
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
    };

    /// <summary>The app client the API's JWT authorizer accepts as audience.</summary>
    public static AppClientDefinition AppClient { get; } = new(
        Name: "cognito-auth-client",
        ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        GenerateSecret: false,
        PreventUserExistenceErrors: true,
        EnableTokenRevocation: true,
        AccessTokenValidity: TimeSpan.FromMinutes(60),
        IdTokenValidity: TimeSpan.FromMinutes(60),
        RefreshTokenValidity: TimeSpan.FromDays(30));

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
    TimeSpan RefreshTokenValidity);

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
}

/// <summary>The walkthrough's user: its username, temporary password and the new password it sets.</summary>
public sealed record SeedUser(string Username, string TemporaryPassword, string NewPassword)
{
    /// <inheritdoc />
    public override string ToString() => $"SeedUser {{ Username = {Username} }}";
}
