using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Api;

/// <summary>The JWT authorizer's verdict: the trusted token, or why the request is refused.</summary>
internal sealed class AuthorizationResult
{
    private AuthorizationResult(JsonWebToken? token, string? failure)
    {
        Token = token;
        Failure = failure;
    }

    /// <summary>The verified token, when authorized.</summary>
    public JsonWebToken? Token { get; }

    /// <summary>The <c>error_description</c> API Gateway puts in <c>www-authenticate</c>, when refused.</summary>
    public string? Failure { get; }

    public static AuthorizationResult Allow(JsonWebToken token) => new(token, null);

    public static AuthorizationResult Deny(string reason) => new(null, reason);

    public override string ToString() => Failure is null ? "Authorized" : $"Denied: {Failure}";
}
