using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;

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
    string? Nonce = null,
    UserPoolTriggers? Triggers = null,
    string TriggerSource = PreTokenGenerationTrigger.Authentication,
    IReadOnlyDictionary<string, string>? ClientMetadata = null)
{
    /// <summary>The grant for a user of a pool through an app client: its attributes, groups and the client's lifetimes, now.</summary>
    /// <remarks>
    /// <paramref name="triggerSource"/> is the PreTokenGeneration event's <c>triggerSource</c> for this issuance
    /// (<see cref="PreTokenGenerationTrigger"/>'s constants).
    /// </remarks>
    public static TokenGrant Of(UserPool pool, PoolUser user, AppClient client, SignInEvent signIn, string? refreshToken, string triggerSource) => new(
        pool.Tokens,
        signIn,
        user.SnapshotAttributes(),
        pool.GroupsOf(user),
        client.AccessTokenValidity,
        client.IdTokenValidity,
        refreshToken,
        pool.Now,
        Triggers: pool.Triggers(client.ClientId),
        TriggerSource: triggerSource);

    /// <summary>
    /// Signs the access token and, unless a managed-login sign-in lacks <c>openid</c>, the ID token. This is token issuance
    /// for every path (the API's sign-ins and refreshes, the token endpoint's grants), so the pool's PreTokenGeneration
    /// trigger runs here, outside the directory's lock, and its answer shapes both tokens. A failed trigger throws
    /// <see cref="Cognito.CognitoServiceException"/> as Cognito reports it, and no token is issued.
    /// </summary>
    public async Task<(string AccessToken, string? IdToken)> SignAsync(CancellationToken cancellationToken)
    {
        var customization = Triggers is null
            ? null
            : await Triggers.PreTokenGenerationAsync(TriggerSource, SignIn.Username, Attributes, Groups, SignIn.Scopes ?? [TokenIssuer.AccessScope], ClientMetadata, cancellationToken)
                .ConfigureAwait(false);
        var accessToken = Issuer.CreateAccessToken(SignIn, Groups, IssuedAt, AccessTokenValidity, customization);
        var idToken = SignIn.Scopes is { } scopes && !scopes.Contains("openid", StringComparer.Ordinal)
            ? null
            : Issuer.CreateIdToken(SignIn, Attributes, Groups, IssuedAt, IdTokenValidity, accessToken, Nonce, customization);
        return (accessToken, idToken);
    }

    public override string ToString() => $"TokenGrant {{ Username = {SignIn.Username}, ClientId = {SignIn.ClientId} }}";
}
