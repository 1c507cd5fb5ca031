namespace CognitoAuth.Reference;

/// <summary>
/// The <c>ExplicitAuthFlows</c> an app client is deployed with: its definition's flows, adjusted to what Cognito accepts
/// for the client's refresh-token mode. The stack sets them on the L1 resource, so the template says exactly this; the
/// emulator creates its reference clients with the same, so the two cannot differ.
/// </summary>
public static class ExplicitAuthFlows
{
    /// <summary>The flow that lets <c>REFRESH_TOKEN_AUTH</c> renew tokens (InitiateAuth/AdminInitiateAuth).</summary>
    public const string RefreshTokenAuth = "ALLOW_REFRESH_TOKEN_AUTH";

    /// <summary>The <c>ALLOW_*</c> values of botocore's <c>ExplicitAuthFlowsType</c> (the legacy names cannot be mixed with them).</summary>
    private static readonly string[] Known =
        ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH", RefreshTokenAuth];

    /// <summary>
    /// The flows to deploy for a client defined with <paramref name="defined"/>, with refresh-token rotation on or off.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>No flows defined (a client-credentials client): exactly <c>ALLOW_REFRESH_TOKEN_AUTH</c>. Leaving the property
    /// out would give Cognito's defaults, which include <c>ALLOW_USER_SRP_AUTH</c> and <c>ALLOW_CUSTOM_AUTH</c>, letting people
    /// sign in through a machine client; the client-credentials grant issues no refresh token, so this flag lets nothing in.</item>
    /// <item>Rotation off: Cognito refuses a list without <c>ALLOW_REFRESH_TOKEN_AUTH</c> ("REFRESH_TOKEN_AUTH should always be
    /// allowed").</item>
    /// <item>Rotation on: <c>ALLOW_REFRESH_TOKEN_AUTH</c> is left out. AWS's developer guide (Refresh tokens, "Refresh token
    /// rotation"): rotation is not compatible with <c>REFRESH_TOKEN_AUTH</c>, the flow must be disabled in the app client and
    /// tokens renewed with <c>GetTokensFromRefreshToken</c> (or the token endpoint's <c>refresh_token</c> grant).</item>
    /// </list>
    /// </remarks>
    public static IReadOnlyList<string> Deployed(IReadOnlyList<string> defined, bool refreshTokenRotation)
    {
        ArgumentNullException.ThrowIfNull(defined);
        var unknown = defined.Except(Known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The app client's auth flows include ones the stack cannot deploy: {string.Join(", ", unknown)}.", nameof(defined));
        }

        if (defined.Count == 0)
        {
            return refreshTokenRotation
                ? throw new ArgumentException("Refresh-token rotation needs an app client that signs people in; this one defines no auth flow.", nameof(defined))
                : [RefreshTokenAuth];
        }

        if (refreshTokenRotation)
        {
            return [.. defined.Where(f => f != RefreshTokenAuth)];
        }

        return defined.Contains(RefreshTokenAuth, StringComparer.Ordinal)
            ? [.. defined]
            : throw new ArgumentException($"Cognito requires {RefreshTokenAuth} among an app client's auth flows unless it rotates refresh tokens.", nameof(defined));
    }
}
