using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Api;

/// <summary>The JWT authorizer's verdict: the trusted token, or why the request is refused.</summary>
internal sealed class AuthorizationResult
{
    private AuthorizationResult(JsonWebToken? token, string? failure, IReadOnlyList<string>? missingScopes = null, IReadOnlyList<string>? scopes = null)
    {
        Token = token;
        Failure = failure;
        MissingScopes = missingScopes;
        Scopes = scopes;
    }

    /// <summary>The verified token, when authorized.</summary>
    public JsonWebToken? Token { get; }

    /// <summary>The <c>error_description</c> API Gateway puts in <c>www-authenticate</c>, when refused.</summary>
    public string? Failure { get; }

    /// <summary>The route's scopes when a valid token carries none of them (API Gateway's 403).</summary>
    public IReadOnlyList<string>? MissingScopes { get; }

    /// <summary>The token's scopes, on a route that has authorization scopes; <see langword="null"/> on other routes.</summary>
    public IReadOnlyList<string>? Scopes { get; }

    public static AuthorizationResult Allow(JsonWebToken token, IReadOnlyList<string>? scopes = null) => new(token, null, null, scopes);

    /// <summary>A route without authorization (<c>NONE</c>): no token, no claims in the event.</summary>
    public static AuthorizationResult Anonymous { get; } = new(null, null);

    public static AuthorizationResult Deny(string reason) => new(null, reason);

    public static AuthorizationResult Forbid(IReadOnlyList<string> routeScopes) => new(null, "insufficient scope", routeScopes);

    public override string ToString() => Failure is null ? "Authorized" : $"Denied: {Failure}";
}
