using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// RevokeToken (one refresh token — with its rotated family — and the access tokens of its sign-in) and GlobalSignOut
/// (every refresh token of the user the access token belongs to). Revoked refresh tokens fail REFRESH_TOKEN_AUTH and
/// GetTokensFromRefreshToken; access tokens stay
/// valid at an API Gateway JWT authorizer until they expire, exactly as with real Cognito.
/// </summary>
internal sealed class TokenRevocation(PoolDirectory directory)
{
    public EmptyResponse RevokeToken(RevokeTokenRequest request)
    {
        new RequestValidator()
            .Required("token", request.Token)
            .Required("clientId", request.ClientId)
            .ThrowIfInvalid();

        // A secret sent for a client without one is not refused here (the OAuth endpoint refuses it).
        var outcome = RefreshTokenRevocation.Revoke(directory, request.ClientId!, client => client.ClientSecret is null || client.IsSecret(request.ClientSecret), request.Token!);
        return outcome switch
        {
            RevocationOutcome.InvalidClient => throw CognitoErrors.InvalidClientCredentials(),
            RevocationOutcome.RevocationDisabled => throw CognitoErrors.TokenRevocationDisabled(),
            RevocationOutcome.UnsupportedTokenType => throw CognitoErrors.UnsupportedTokenType(),
            _ => EmptyResponse.Instance,
        };
    }

    public EmptyResponse GlobalSignOut(GlobalSignOutRequest request)
    {
        new RequestValidator().Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            pool.RevokeRefreshTokens(user);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }
}
