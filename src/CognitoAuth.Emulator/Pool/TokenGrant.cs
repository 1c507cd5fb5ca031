using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// Everything needed to mint a token set, captured under the pool's lock so the (slower) signing happens
/// outside it. A managed-login sign-in (its <see cref="SignInEvent.Scopes"/> set) gets an ID token only with the
/// <c>openid</c> scope, as AWS's authorization endpoint guide says, carrying <see cref="Nonce"/> when the authorize request
/// had one.
/// </summary>
internal sealed record TokenGrant(
    TokenIssuer Issuer,
    SignInEvent SignIn,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<string> Groups,
    TimeSpan AccessTokenValidity,
    TimeSpan IdTokenValidity,
    string? RefreshToken,
    DateTimeOffset IssuedAt,
    string? Nonce = null)
{
    /// <summary>The grant for a user of a pool through an app client: its attributes, groups and the client's lifetimes, now.</summary>
    public static TokenGrant Of(UserPool pool, PoolUser user, AppClient client, SignInEvent signIn, string? refreshToken) => new(
        pool.Tokens,
        signIn,
        user.SnapshotAttributes(),
        pool.GroupsOf(user),
        client.AccessTokenValidity,
        client.IdTokenValidity,
        refreshToken,
        pool.Now);

    /// <summary>
    /// Signs the access token and, unless a managed-login sign-in lacks <c>openid</c>, the ID token. This is token issuance
    /// for every path (the API's sign-ins and refreshes, the token endpoint's grants): the PreTokenGeneration trigger's place.
    /// </summary>
    public (string AccessToken, string? IdToken) Sign()
    {
        var accessToken = Issuer.CreateAccessToken(SignIn, Groups, IssuedAt, AccessTokenValidity);
        var idToken = SignIn.Scopes is { } scopes && !scopes.Contains("openid", StringComparer.Ordinal)
            ? null
            : Issuer.CreateIdToken(SignIn, Attributes, Groups, IssuedAt, IdTokenValidity, accessToken, Nonce);
        return (accessToken, idToken);
    }

    public override string ToString() => $"TokenGrant {{ Username = {SignIn.Username}, ClientId = {SignIn.ClientId} }}";
}
