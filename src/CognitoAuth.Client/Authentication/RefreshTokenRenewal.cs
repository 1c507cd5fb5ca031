using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Redeems a refresh token for new tokens, whether or not the app client rotates refresh tokens, with no configuration:
/// <c>REFRESH_TOKEN_AUTH</c> through the flow's channel first; when Cognito refuses it for good, <c>GetTokensFromRefreshToken</c>
/// once — a client that rotates refresh tokens accepts only that, and returns the next refresh token with the new tokens.
/// Which one works is remembered for the user (<see cref="SignInMemory.Refresh"/>), so it is learned once.
/// </summary>
internal sealed class RefreshTokenRenewal(ICognitoIdentityProvider cognito, TimeProvider timeProvider)
{
    public async Task<CognitoTokenSet> RefreshAsync(IAuthChannel channel, SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken)
    {
        if (attempt.Memory.Refresh == RefreshMethod.GetTokensFromRefreshToken)
        {
            return await GetTokensFromRefreshTokenAsync(attempt.Client, current, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var tokens = await RefreshTokenAuthAsync(channel, attempt.Client, current, cancellationToken).ConfigureAwait(false);
            if (attempt.Memory.Refresh == RefreshMethod.Unknown)
            {
                attempt.Memory = attempt.Memory with { Refresh = RefreshMethod.RefreshTokenAuth };
            }

            return tokens;
        }
        catch (CognitoException refused) when (!refused.IsRetryable && attempt.Memory.Refresh != RefreshMethod.RefreshTokenAuthOnly)
        {
            try
            {
                var tokens = await GetTokensFromRefreshTokenAsync(attempt.Client, current, cancellationToken).ConfigureAwait(false);
                attempt.Memory = attempt.Memory with { Refresh = RefreshMethod.GetTokensFromRefreshToken };
                return tokens;
            }
            catch (CognitoException unknown) when (unknown.ErrorCode == CognitoErrorCodes.UnknownOperation)
            {
                attempt.Memory = attempt.Memory with { Refresh = RefreshMethod.RefreshTokenAuthOnly };
            }
            catch (CognitoException refusedToo) when (
                !refusedToo.IsRetryable && refusedToo.ErrorCode != CognitoErrorCodes.RefreshTokenReuse && !cancellationToken.IsCancellationRequested)
            {
                // The refresh token is no good either way: the first refusal says why. (A passing failure, or a rotated-out
                // token, goes up as it is: the caller serves tokens still valid, or reads the shared store again.)
            }

            throw;
        }
    }

    /// <summary>
    /// <c>REFRESH_TOKEN_AUTH</c>, with <c>DEVICE_KEY</c> when the tokens belong to a remembered device. <c>SECRET_HASH</c> uses Cognito's own user name (the trap in AWS's library: an alias such as an
    /// e-mail address gives a hash Cognito rejects). The refresh token is kept: this flow returns none.
    /// </summary>
    private static async Task<CognitoTokenSet> RefreshTokenAuthAsync(IAuthChannel channel, CognitoClientContext client, CognitoTokenSet current, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [AuthParameterNames.RefreshToken] = current.RefreshToken! };
        if (client.SecretHashFor(current.Username ?? client.Username) is { } secretHash)
        {
            parameters[AuthParameterNames.SecretHash] = secretHash;
        }

        // Tokens issued to a remembered device are refreshed by that device: Cognito refuses them without its key.
        if (current.Device is { } device)
        {
            parameters[AuthParameterNames.DeviceKey] = device.DeviceKey;
        }

        var step = await channel.InitiateAsync(client, AuthFlowType.RefreshTokenAuth, parameters, cancellationToken).ConfigureAwait(false);
        var renewed = step.Tokens ?? throw new CognitoAuthenticationException(
            $"Cognito answered REFRESH_TOKEN_AUTH with the challenge {step.ChallengeName} instead of tokens.", step.ChallengeName);
        return AuthenticationResults.Keeping(renewed, current);
    }

    /// <summary><c>GetTokensFromRefreshToken</c>, with the raw client secret as botocore's model asks; a returned refresh token replaces the old one.</summary>
    private async Task<CognitoTokenSet> GetTokensFromRefreshTokenAsync(CognitoClientContext client, CognitoTokenSet current, CancellationToken cancellationToken)
    {
        var sentAt = timeProvider.GetUtcNow();
        var response = await cognito.GetTokensFromRefreshTokenAsync(
            client.Endpoint,
            new GetTokensFromRefreshTokenRequest
            {
                RefreshToken = current.RefreshToken!,
                ClientId = client.ClientId,
                ClientSecret = client.Options.ClientSecret,
                DeviceKey = current.Device?.DeviceKey,
            },
            cancellationToken).ConfigureAwait(false);
        var result = response.AuthenticationResult
            ?? throw new CognitoAuthenticationException("Cognito answered GetTokensFromRefreshToken without tokens.");
        return AuthenticationResults.Keeping(AuthenticationResults.ToTokenSet(result, sentAt), current);
    }
}
