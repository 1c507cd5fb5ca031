using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Diagnostics;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Talks to Cognito for one client at a time: full sign-in (answering <c>NEW_PASSWORD_REQUIRED</c>), refresh and revoke.
/// Holds no tokens; <see cref="Tokens.CognitoTokenManager"/> decides when to call it and de-duplicates calls.
/// </summary>
internal sealed class CognitoAuthenticator(
    ICognitoIdentityProvider cognito,
    TimeProvider timeProvider,
    CognitoClientMetrics metrics,
    ILogger<CognitoAuthenticator> logger)
{
    // NEW_PASSWORD_REQUIRED then tokens is two rounds; the bound keeps a misbehaving endpoint from looping us.
    private const int MaxChallengeRounds = 4;

    // Users (by store key) whose NewPassword is in effect: later sign-ins start with it. Holds no secret itself.
    private readonly ConcurrentDictionary<string, bool> _newPasswordInEffect = new(StringComparer.Ordinal);

    /// <summary>Signs in with the configured user name and password, answering <c>NEW_PASSWORD_REQUIRED</c>.</summary>
    public async Task<CognitoTokenSet> SignInAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        var flow = CognitoClientMetrics.FlowName(client.Options.AuthFlow);
        using var activity = CognitoClientActivitySource.Instance.StartActivity("CognitoAuth.SignIn");
        activity?.SetTag(CognitoClientMetrics.FlowTag, flow);
        Log.SigningIn(logger, client.Name, flow);
        try
        {
            var tokens = await SignInCoreAsync(client, cancellationToken).ConfigureAwait(false);
            metrics.SignIn(flow, succeeded: true);
            Log.SignedIn(logger, client.Name, flow, tokens.ExpiresAt);
            return tokens;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var reason = Reason(exception);
            metrics.SignIn(flow, succeeded: false);
            metrics.Failure(flow, reason);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            Log.SignInFailed(logger, client.Name, flow, reason);
            throw;
        }
    }

    /// <summary>
    /// <c>REFRESH_TOKEN_AUTH</c> with <paramref name="current"/>'s refresh token. <c>SECRET_HASH</c> uses Cognito's own user
    /// name (the trap in AWS's library: an alias such as an e-mail address gives a hash Cognito rejects).
    /// The old refresh token is kept unless Cognito returns a new one.
    /// </summary>
    public async Task<CognitoTokenSet> RefreshAsync(CognitoClientContext client, CognitoTokenSet current, CancellationToken cancellationToken)
    {
        var refreshToken = current.RefreshToken ?? throw new ArgumentException("The token set has no refresh token.", nameof(current));
        using var activity = CognitoClientActivitySource.Instance.StartActivity("CognitoAuth.Refresh");
        activity?.SetTag(CognitoClientMetrics.FlowTag, CognitoClientMetrics.RefreshTokenFlow);
        Log.Refreshing(logger, client.Name, current.ExpiresAt);
        try
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [AuthParameterNames.RefreshToken] = refreshToken };
            AddSecretHash(parameters, client, current.Username ?? client.Username);
            var sentAt = timeProvider.GetUtcNow();
            var response = await InitiateAsync(client, AuthFlowType.RefreshTokenAuth, parameters, cancellationToken).ConfigureAwait(false);
            var result = response.AuthenticationResult
                ?? throw new CognitoAuthenticationException(
                    $"Cognito answered REFRESH_TOKEN_AUTH without tokens{(response.ChallengeName is null ? "" : $" (challenge {response.ChallengeName})")}.",
                    response.ChallengeName);
            var tokens = ToTokenSet(result, sentAt, current);
            metrics.Refresh(succeeded: true);
            Log.Refreshed(logger, client.Name, tokens.ExpiresAt);
            return tokens;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var reason = Reason(exception);
            metrics.Refresh(succeeded: false);
            metrics.Failure(CognitoClientMetrics.RefreshTokenFlow, reason);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            if (exception is CognitoException { ErrorCode: CognitoErrorCodes.NotAuthorized })
            {
                Log.RefreshTokenRejected(logger, client.Name, reason);
            }
            else
            {
                Log.RefreshFailed(logger, client.Name, reason);
            }

            throw;
        }
    }

    /// <summary>Revokes <paramref name="refreshToken"/> (and the access tokens issued with it).</summary>
    public Task RevokeAsync(CognitoClientContext client, string refreshToken, CancellationToken cancellationToken) =>
        cognito.RevokeTokenAsync(
            client.Endpoint,
            new RevokeTokenRequest { Token = refreshToken, ClientId = client.ClientId, ClientSecret = client.Options.ClientSecret },
            cancellationToken);

    private async Task<CognitoTokenSet> SignInCoreAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        var options = client.Options;
        var hasNewPassword = !string.IsNullOrEmpty(options.NewPassword) && options.NewPassword != options.Password;
        var startWithNew = hasNewPassword && _newPasswordInEffect.ContainsKey(client.StoreKey);

        var sentAt = timeProvider.GetUtcNow();
        AuthFlowResponse response;
        try
        {
            response = await InitiateWithPasswordAsync(client, startWithNew ? options.NewPassword! : options.Password!, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoException exception) when (exception.ErrorCode == CognitoErrorCodes.NotAuthorized && hasNewPassword)
        {
            // After a restart the temporary password may already be replaced by NewPassword (or an admin reset it back): try the other one once.
            if (!startWithNew)
            {
                Log.TryingNewPassword(logger, client.Name);
            }

            sentAt = timeProvider.GetUtcNow();
            response = await InitiateWithPasswordAsync(client, startWithNew ? options.Password! : options.NewPassword!, cancellationToken).ConfigureAwait(false);
            SetNewPasswordInEffect(client, !startWithNew);
        }

        for (var round = 0; round < MaxChallengeRounds; round++)
        {
            if (response.AuthenticationResult is { } result)
            {
                return ToTokenSet(result, sentAt, previous: null);
            }

            if (response.ChallengeName != ChallengeNameType.NewPasswordRequired)
            {
                throw response.ChallengeName is null
                    ? new CognitoAuthenticationException("Cognito answered the sign-in with neither tokens nor a challenge.")
                    : new CognitoAuthenticationException(
                        $"Cognito asked for the unsupported challenge {response.ChallengeName}. This client answers only NEW_PASSWORD_REQUIRED; " +
                        "turn off MFA and custom challenges for this user or app client.",
                        response.ChallengeName);
            }

            sentAt = timeProvider.GetUtcNow();
            try
            {
                response = await AnswerNewPasswordRequiredAsync(client, response, cancellationToken).ConfigureAwait(false);
            }
            catch (CognitoException rejected) when (rejected.ErrorCode == CognitoErrorCodes.NotAuthorized)
            {
                // A retried answer whose first attempt got through (its response lost or timed out) finds the single-use
                // session spent, though the new password is set: sign in with it once. If that fails too, the rejection stands.
                Log.ChallengeAnswerRejected(logger, client.Name);
                sentAt = timeProvider.GetUtcNow();
                response = await SignInAfterRejectedAnswerAsync(client, rejected, cancellationToken).ConfigureAwait(false);
            }

            SetNewPasswordInEffect(client, true);
        }

        throw new CognitoAuthenticationException($"Cognito kept asking for challenges after {MaxChallengeRounds} answers.", response.ChallengeName);
    }

    private async Task<AuthFlowResponse> SignInAfterRejectedAnswerAsync(CognitoClientContext client, CognitoException rejected, CancellationToken cancellationToken)
    {
        try
        {
            return await InitiateWithPasswordAsync(client, client.Options.NewPassword!, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoException)
        {
            ExceptionDispatchInfo.Throw(rejected);
            throw;
        }
    }

    private void SetNewPasswordInEffect(CognitoClientContext client, bool inEffect)
    {
        if (inEffect)
        {
            _newPasswordInEffect[client.StoreKey] = true;
        }
        else
        {
            _newPasswordInEffect.TryRemove(client.StoreKey, out _);
        }
    }

    private Task<AuthFlowResponse> InitiateWithPasswordAsync(CognitoClientContext client, string password, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AuthParameterNames.Username] = client.Username,
            [AuthParameterNames.Password] = password,
        };
        if (client.SignInSecretHash is { } secretHash)
        {
            parameters[AuthParameterNames.SecretHash] = secretHash;
        }

        var authFlow = client.Options.AuthFlow == CognitoAuthFlow.UserPassword ? AuthFlowType.UserPasswordAuth : AuthFlowType.AdminUserPasswordAuth;
        return InitiateAsync(client, authFlow, parameters, cancellationToken);
    }

    private Task<AuthFlowResponse> InitiateAsync(CognitoClientContext client, string authFlow, Dictionary<string, string> parameters, CancellationToken cancellationToken) =>
        client.Options.AuthFlow == CognitoAuthFlow.UserPassword
            ? cognito.InitiateAuthAsync(
                client.Endpoint,
                new InitiateAuthRequest { AuthFlow = authFlow, ClientId = client.ClientId, AuthParameters = parameters },
                cancellationToken)
            : cognito.AdminInitiateAuthAsync(
                client.Endpoint,
                new AdminInitiateAuthRequest { UserPoolId = client.Options.UserPoolId!, ClientId = client.ClientId, AuthFlow = authFlow, AuthParameters = parameters },
                cancellationToken);

    private Task<AuthFlowResponse> AnswerNewPasswordRequiredAsync(CognitoClientContext client, AuthFlowResponse challenge, CancellationToken cancellationToken)
    {
        var options = client.Options;
        if (string.IsNullOrEmpty(options.NewPassword))
        {
            throw new CognitoAuthenticationException(
                $"The user of client '{client.Name}' must change the temporary password (Cognito answered NEW_PASSWORD_REQUIRED). " +
                $"Configure the new password as '{nameof(CognitoApiClientOptions.NewPassword)}' (e.g. CognitoAuth__NewPassword).",
                ChallengeNameType.NewPasswordRequired);
        }

        Log.AnsweringNewPasswordRequired(logger, client.Name);

        // Cognito names the user by its own user name here; the answer (and its SECRET_HASH) must use the same name.
        var username = challenge.ChallengeParameters?.GetValueOrDefault(AuthParameterNames.UserIdForSrp) is { Length: > 0 } realName
            ? realName
            : client.Username;
        var responses = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AuthParameterNames.Username] = username,
            [AuthParameterNames.NewPassword] = options.NewPassword,
        };
        AddSecretHash(responses, client, username);
        AddRequiredAttributes(responses, client, challenge.ChallengeParameters?.GetValueOrDefault(AuthParameterNames.RequiredAttributes));

        return options.AuthFlow == CognitoAuthFlow.UserPassword
            ? cognito.RespondToAuthChallengeAsync(
                client.Endpoint,
                new RespondToAuthChallengeRequest
                {
                    ClientId = client.ClientId,
                    ChallengeName = ChallengeNameType.NewPasswordRequired,
                    Session = challenge.Session,
                    ChallengeResponses = responses,
                },
                cancellationToken)
            : cognito.AdminRespondToAuthChallengeAsync(
                client.Endpoint,
                new AdminRespondToAuthChallengeRequest
                {
                    UserPoolId = options.UserPoolId!,
                    ClientId = client.ClientId,
                    ChallengeName = ChallengeNameType.NewPasswordRequired,
                    Session = challenge.Session,
                    ChallengeResponses = responses,
                },
                cancellationToken);
    }

    /// <summary>Adds <c>userAttributes.&lt;name&gt;</c> for each name in the challenge's JSON array (whose entries carry that prefix).</summary>
    private static void AddRequiredAttributes(Dictionary<string, string> responses, CognitoClientContext client, string? requiredAttributesJson)
    {
        if (string.IsNullOrEmpty(requiredAttributesJson))
        {
            return;
        }

        List<string> missing = [];
        foreach (var required in ParseNames(requiredAttributesJson))
        {
            var name = required.StartsWith(AuthParameterNames.UserAttributePrefix, StringComparison.Ordinal)
                ? required[AuthParameterNames.UserAttributePrefix.Length..]
                : required;
            if (client.Options.UserAttributes.TryGetValue(name, out var value))
            {
                responses[AuthParameterNames.UserAttributePrefix + name] = value;
            }
            else
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            throw new CognitoAuthenticationException(
                $"Setting the new password requires the user attribute(s) {string.Join(", ", missing)}, which are not configured. " +
                $"Add them under '{nameof(CognitoApiClientOptions.UserAttributes)}' (e.g. CognitoAuth__UserAttributes__{missing[0]}).",
                ChallengeNameType.NewPasswordRequired);
        }
    }

    private static List<string> ParseNames(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                return [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).OfType<string>().Where(n => n.Length > 0)];
            }
        }
        catch (JsonException)
        {
        }

        throw new CognitoAuthenticationException("Cognito's NEW_PASSWORD_REQUIRED challenge has a malformed requiredAttributes parameter.", ChallengeNameType.NewPasswordRequired);
    }

    private static void AddSecretHash(Dictionary<string, string> parameters, CognitoClientContext client, string username)
    {
        if (client.SecretHashFor(username) is { } secretHash)
        {
            parameters[AuthParameterNames.SecretHash] = secretHash;
        }
    }

    private static CognitoTokenSet ToTokenSet(AuthenticationResultType result, DateTimeOffset sentAt, CognitoTokenSet? previous)
    {
        var accessToken = result.AccessToken is { Length: > 0 } token
            ? token
            : throw new CognitoAuthenticationException("Cognito's authentication result has no access token.");
        return new CognitoTokenSet
        {
            AccessToken = accessToken,
            IdToken = result.IdToken,
            RefreshToken = result.RefreshToken ?? previous?.RefreshToken,
            IssuedAt = sentAt,
            ExpiresAt = sentAt + Lifetime(result, accessToken),
            Username = JwtClaims.CognitoUsername(accessToken, result.IdToken) ?? previous?.Username,
        };
    }

    /// <summary>
    /// <c>ExpiresIn</c>, counted from when the request was sent. botocore marks it optional and some endpoints
    /// (cognito-local) omit it: then the access token's own lifetime. Without either, every request would sign in again.
    /// </summary>
    private static TimeSpan Lifetime(AuthenticationResultType result, string accessToken) =>
        result.ExpiresIn > 0 ? TimeSpan.FromSeconds(result.ExpiresIn)
        : JwtClaims.Lifetime(accessToken)
            ?? throw new CognitoAuthenticationException("Cognito's authentication result gives no ExpiresIn, and the access token has no exp and iat claims: the token's lifetime is unknown.");

    private static string Reason(Exception exception) => exception switch
    {
        CognitoException cognitoException => cognitoException.ErrorCode,
        CognitoAuthenticationException { ChallengeName: { } challenge } => challenge,
        CognitoAuthenticationException => "AuthenticationFailed",
        _ => exception.GetType().Name,
    };
}
