using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// GetTokensFromRefreshToken (unsigned; the raw <c>ClientSecret</c> for clients with one), and the refresh-token checks it
/// shares with <c>REFRESH_TOKEN_AUTH</c>. On an app client that rotates refresh tokens it returns a new refresh token in the
/// same family, valid for what is left of the old one's lifetime; the old token then works only within the client's grace
/// period (<c>RefreshTokenReuseException</c> after). Without rotation it returns access and ID tokens only.
/// </summary>
internal sealed class TokenRefresh(PoolDirectory directory)
{
    public async Task<GetTokensFromRefreshTokenResponse> GetTokensFromRefreshTokenAsync(GetTokensFromRefreshTokenRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("refreshToken", request.RefreshToken)
            .Required("clientId", request.ClientId)
            .ThrowIfInvalid();

        TokenGrant grant;
        lock (directory.Gate)
        {
            var pool = directory.PoolOfClient(request.ClientId!);
            var client = pool.Client(request.ClientId!);
            if (client.ClientSecret is not null)
            {
                if (request.ClientSecret is null)
                {
                    throw CognitoErrors.ClientSecretMissing(client.ClientId);
                }

                if (!client.IsSecret(request.ClientSecret))
                {
                    throw CognitoErrors.ClientSecretMismatch(client.ClientId);
                }
            }

            var (record, user) = Redeem(pool, client, request.RefreshToken!, checkClient: null, request.DeviceKey);
            var rotation = client.RefreshTokenRotation;
            if (record.IsSpent(rotation, pool.Now))
            {
                throw CognitoErrors.RefreshTokenReused();
            }

            grant = TokenGrant.Of(pool, user, client, record.SignIn, rotation.Enabled ? pool.RotateRefreshToken(record) : null, PreTokenGenerationTrigger.RefreshTokens);
        }

        return new GetTokensFromRefreshTokenResponse { AuthenticationResult = (await grant.ToResponseAsync(cancellationToken).ConfigureAwait(false)).AuthenticationResult };
    }

    /// <summary>The refresh checks (<see cref="RefreshTokenRedemption"/>) with their refusal as the API's error; call under the gate.</summary>
    public static (RefreshTokenRecord Record, PoolUser User) Redeem(UserPool pool, AppClient client, string token, Func<PoolUser, CognitoError?>? checkClient, string? deviceKey) =>
        RefreshTokenRedemption.Redeem(pool, client, token, checkClient, out var record, out var user, deviceKey) is { } refusal
            ? throw CognitoErrors.From(refusal)
            : (record, user);
}
