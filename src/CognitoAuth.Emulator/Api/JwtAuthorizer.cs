using System.Text.Json;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// API Gateway's HTTP API JWT authorizer, rule for rule (developer guide, http-api-jwt-authorizer): the identity
/// source <c>Authorization</c> holds the token alone or as <c>Bearer &lt;token&gt;</c>; only RSA algorithms; the
/// <c>kid</c> must name a key of the issuer's JWKS and the signature verify with it; <c>iss</c> must equal the
/// issuer exactly; <c>aud</c> must hold an audience, or, only when there is no <c>aud</c>, <c>client_id</c> must be
/// one; <c>exp</c> must be after now, <c>nbf</c> and <c>iat</c> before it; on a route with authorization scopes, the
/// token's <c>scope</c> (space-separated) or <c>scp</c> must hold one of them, else the request is forbidden (403).
/// </summary>
internal sealed class JwtAuthorizer(string issuer, IReadOnlySet<string> audiences, IReadOnlyList<SigningKey> keys, TimeProvider time)
{
    private static readonly string[] RsaAlgorithms = ["RS256", "RS384", "RS512"];

    public AuthorizationResult Authorize(string? identitySource, IReadOnlyList<string> routeScopes)
    {
        var value = identitySource?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return AuthorizationResult.Deny("the Authorization header is missing");
        }

        var token = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
        if (JsonWebToken.TryParse(token) is not { } jwt)
        {
            return AuthorizationResult.Deny("the token is malformed");
        }

        if (jwt.Algorithm is not { } algorithm || !RsaAlgorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            return AuthorizationResult.Deny($"signing method {Printable(jwt.Algorithm)} is invalid");
        }

        var key = keys.FirstOrDefault(k => string.Equals(k.KeyId, jwt.KeyId, StringComparison.Ordinal));
        if (key is null)
        {
            return AuthorizationResult.Deny("the token's key id does not match any key of the issuer");
        }

        if (!jwt.VerifyRsa(key.Rsa, algorithm))
        {
            return AuthorizationResult.Deny("the token's signature is invalid");
        }

        if (!string.Equals(jwt.ClaimString("iss"), issuer, StringComparison.Ordinal))
        {
            return AuthorizationResult.Deny("the token does not have a valid issuer");
        }

        if (!HasValidAudience(jwt))
        {
            return AuthorizationResult.Deny("the token does not have a valid audience");
        }

        var now = time.GetUtcNow();
        if (jwt.ClaimTime("exp") is not { } expires || expires <= now)
        {
            return AuthorizationResult.Deny("the token has expired");
        }

        if (!NotAfterNow(jwt, "nbf", now) || !NotAfterNow(jwt, "iat", now))
        {
            return AuthorizationResult.Deny("the token is not valid yet");
        }

        if (routeScopes.Count == 0)
        {
            return AuthorizationResult.Allow(jwt);
        }

        var scopes = ScopesOf(jwt);
        return scopes.Any(s => routeScopes.Contains(s, StringComparer.Ordinal))
            ? AuthorizationResult.Allow(jwt, scopes)
            : AuthorizationResult.Forbid(routeScopes);
    }

    private static List<string> ScopesOf(JsonWebToken jwt)
    {
        foreach (var name in (string[])["scope", "scp"])
        {
            if (!jwt.Payload.TryGetProperty(name, out var claim))
            {
                continue;
            }

            return claim.ValueKind switch
            {
                JsonValueKind.String => [.. claim.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
                JsonValueKind.Array => [.. claim.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)],
                _ => [],
            };
        }

        return [];
    }

    private bool HasValidAudience(JsonWebToken jwt)
    {
        if (jwt.Payload.TryGetProperty("aud", out var aud))
        {
            return aud.ValueKind switch
            {
                JsonValueKind.String => audiences.Contains(aud.GetString()!),
                JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && audiences.Contains(a.GetString()!)),
                _ => false,
            };
        }

        return jwt.ClaimString("client_id") is { } clientId && audiences.Contains(clientId);
    }

    // The alg comes from the caller and ends up in a response header and a log line: only short alphanumerics pass.
    private static string Printable(string? algorithm) =>
        algorithm is { Length: > 0 and <= 16 } && algorithm.All(char.IsAsciiLetterOrDigit) ? algorithm : "(unrecognized)";

    // A time claim that is present must be a number at or before now.
    private static bool NotAfterNow(JsonWebToken jwt, string claim, DateTimeOffset now) =>
        !jwt.HasClaim(claim) || (jwt.ClaimTime(claim) is { } value && value <= now);
}
