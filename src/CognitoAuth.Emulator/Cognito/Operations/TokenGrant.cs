using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// Everything needed to mint a token set, captured under the pool's lock so the (slower) signing happens
/// outside it.
/// </summary>
internal sealed record TokenGrant(
    TokenIssuer Issuer,
    SignInEvent SignIn,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<string> Groups,
    TimeSpan AccessTokenValidity,
    TimeSpan IdTokenValidity,
    string? RefreshToken,
    DateTimeOffset IssuedAt)
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

    public AuthFlowResponse ToResponse() => new()
    {
        ChallengeParameters = [],
        AuthenticationResult = new AuthenticationResultType
        {
            AccessToken = Issuer.CreateAccessToken(SignIn, Groups, IssuedAt, AccessTokenValidity),
            ExpiresIn = (int)AccessTokenValidity.TotalSeconds,
            TokenType = "Bearer",
            RefreshToken = RefreshToken,
            IdToken = Issuer.CreateIdToken(SignIn, Attributes, Groups, IssuedAt, IdTokenValidity),
        },
    };

    public override string ToString() => $"TokenGrant {{ Username = {SignIn.Username}, ClientId = {SignIn.ClientId} }}";
}
