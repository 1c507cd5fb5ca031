using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary><c>REFRESH_TOKEN_AUTH</c>: new access and ID tokens for a refresh token, through a flow's channel.</summary>
internal static class RefreshTokenAuth
{
    /// <summary>
    /// Refreshes <paramref name="current"/>. <c>SECRET_HASH</c> uses Cognito's own user name (the trap in AWS's library: an
    /// alias such as an e-mail address gives a hash Cognito rejects). The refresh token is kept unless Cognito returns another.
    /// </summary>
    public static async Task<CognitoTokenSet> RefreshAsync(IAuthChannel channel, CognitoClientContext client, CognitoTokenSet current, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [AuthParameterNames.RefreshToken] = current.RefreshToken! };
        if (client.SecretHashFor(current.Username ?? client.Username) is { } secretHash)
        {
            parameters[AuthParameterNames.SecretHash] = secretHash;
        }

        var step = await channel.InitiateAsync(client, AuthFlowType.RefreshTokenAuth, parameters, cancellationToken).ConfigureAwait(false);
        var renewed = step.Tokens ?? throw new CognitoAuthenticationException(
            $"Cognito answered REFRESH_TOKEN_AUTH with the challenge {step.ChallengeName} instead of tokens.", step.ChallengeName);
        return AuthenticationResults.Keeping(renewed, current);
    }
}
