using System.Text.Json;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// The sign-in operations: InitiateAuth and AdminInitiateAuth (password and refresh-token flows), and both
/// RespondToAuthChallenge operations (NEW_PASSWORD_REQUIRED). Cognito's rules: the client's explicit auth flows,
/// SECRET_HASH for clients with a secret, PreventUserExistenceErrors, disabled users, expiring temporary
/// passwords, single-use three-minute sessions, and refresh that returns no new refresh token.
/// </summary>
internal sealed class Authentication(PoolDirectory directory)
{
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";

    private static readonly string[] AuthFlows =
        ["USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH"];

    private static readonly string[] ChallengeNames =
        ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE", "MFA_SETUP", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH", NewPasswordRequired];

    public AuthFlowResponse AdminInitiateAuth(InitiateAuthRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("clientId", request.ClientId)
            .Required("authFlow", request.AuthFlow)
            .OneOf("authFlow", request.AuthFlow, AuthFlows)
            .ThrowIfInvalid();

        return Complete(() =>
        {
            var pool = directory.Pool(request.UserPoolId!);
            var client = pool.Client(request.ClientId!);
            var parameters = request.AuthParameters ?? [];
            return request.AuthFlow switch
            {
                "ADMIN_USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" => client.AllowsAdminPasswordAuth
                    ? PasswordSignIn(pool, client, parameters)
                    : throw CognitoErrors.AuthFlowNotEnabled(),
                "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => Refresh(pool, client, parameters),
                "USER_PASSWORD_AUTH" => throw CognitoErrors.InitiateAuthMethodNotSupported(),

                // USER_SRP_AUTH and CUSTOM_AUTH: no app client of the emulator enables them.
                _ => throw CognitoErrors.AuthFlowNotEnabled(),
            };
        });
    }

    public AuthFlowResponse InitiateAuth(InitiateAuthRequest request)
    {
        new RequestValidator()
            .Required("authFlow", request.AuthFlow)
            .Required("clientId", request.ClientId)
            .OneOf("authFlow", request.AuthFlow, AuthFlows)
            .ThrowIfInvalid();

        return Complete(() =>
        {
            var pool = directory.PoolOfClient(request.ClientId!);
            var client = pool.Client(request.ClientId!);
            var parameters = request.AuthParameters ?? [];
            return request.AuthFlow switch
            {
                "USER_PASSWORD_AUTH" => client.AllowsUserPasswordAuth
                    ? PasswordSignIn(pool, client, parameters)
                    : throw CognitoErrors.FlowNotEnabled("USER_PASSWORD_AUTH"),
                "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => Refresh(pool, client, parameters),
                "ADMIN_USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" => throw CognitoErrors.InitiateAuthMethodNotSupported(),
                var flow => throw CognitoErrors.FlowNotEnabled(flow!),
            };
        });
    }

    public AuthFlowResponse AdminRespondToAuthChallenge(RespondToAuthChallengeRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("clientId", request.ClientId)
            .Required("challengeName", request.ChallengeName)
            .OneOf("challengeName", request.ChallengeName, ChallengeNames)
            .ThrowIfInvalid();

        return Complete(() =>
        {
            var pool = directory.Pool(request.UserPoolId!);
            return AnswerChallenge(pool, pool.Client(request.ClientId!), request);
        });
    }

    public AuthFlowResponse RespondToAuthChallenge(RespondToAuthChallengeRequest request)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("challengeName", request.ChallengeName)
            .OneOf("challengeName", request.ChallengeName, ChallengeNames)
            .ThrowIfInvalid();

        return Complete(() =>
        {
            var pool = directory.PoolOfClient(request.ClientId!);
            return AnswerChallenge(pool, pool.Client(request.ClientId!), request);
        });
    }

    /// <summary>Runs the state step under the pool's lock, then signs any tokens outside it.</summary>
    private AuthFlowResponse Complete(Func<Outcome> step)
    {
        Outcome outcome;
        lock (directory.Gate)
        {
            outcome = step();
            directory.Touch();
        }

        return outcome.Challenge ?? outcome.Grant!.ToResponse();
    }

    private static Outcome PasswordSignIn(UserPool pool, AppClient client, Dictionary<string, string> parameters)
    {
        var username = parameters.GetValueOrDefault("USERNAME") ?? throw CognitoErrors.MissingParameter("USERNAME");
        var password = parameters.GetValueOrDefault("PASSWORD") ?? throw CognitoErrors.MissingParameter("PASSWORD");
        var user = pool.FindUser(username);
        SecretHashes.Ensure(client, parameters.GetValueOrDefault("SECRET_HASH"), username, user?.Username);

        if (user is null)
        {
            throw client.PreventUserExistenceErrors ? CognitoErrors.IncorrectUsernameOrPassword() : CognitoErrors.UserDoesNotExist();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        if (user.Status == UserStatus.ResetRequired)
        {
            throw CognitoErrors.PasswordResetRequired();
        }

        if (user.Password is null || !user.Password.Matches(password))
        {
            throw CognitoErrors.IncorrectUsernameOrPassword();
        }

        if (user.Status == UserStatus.Unconfirmed)
        {
            throw CognitoErrors.UserNotConfirmed();
        }

        if (user.Status == UserStatus.ForceChangePassword)
        {
            return pool.TemporaryPasswordExpired(user)
                ? throw CognitoErrors.TemporaryPasswordExpired()
                : new Outcome(NewPasswordChallenge(pool, user, client), null);
        }

        return new Outcome(null, Grant(pool, user, client, SignInEvent.New(user, client.ClientId, pool.Now), withRefreshToken: true));
    }

    private static AuthFlowResponse NewPasswordChallenge(UserPool pool, PoolUser user, AppClient client)
    {
        // Cognito sends the user's attributes (all but sub) and the required ones still missing, each as a JSON string.
        var attributes = user.Attributes.Where(a => a.Key != "sub").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return new AuthFlowResponse
        {
            ChallengeName = NewPasswordRequired,
            Session = pool.StartSession(user, client, NewPasswordRequired),
            ChallengeParameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["USER_ID_FOR_SRP"] = user.Username,
                ["requiredAttributes"] = "[]",
                ["userAttributes"] = JsonSerializer.Serialize(attributes, CognitoJsonContext.Default.DictionaryStringString),
            },
        };
    }

    private static Outcome AnswerChallenge(UserPool pool, AppClient client, RespondToAuthChallengeRequest request)
    {
        var session = pool.Session(request.Session, client);
        if (session.ChallengeName != request.ChallengeName)
        {
            throw CognitoErrors.InvalidSession();
        }

        var responses = request.ChallengeResponses ?? [];
        var username = responses.GetValueOrDefault("USERNAME") ?? throw CognitoErrors.MissingParameter("USERNAME");
        var user = pool.FindUser(username);
        if (user is null || user.Username != session.Username)
        {
            throw CognitoErrors.InvalidSession();
        }

        SecretHashes.Ensure(client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username);
        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        var newPassword = responses.GetValueOrDefault("NEW_PASSWORD") ?? throw CognitoErrors.MissingParameter("NEW_PASSWORD");
        pool.EnsurePasswordConforms(newPassword);
        var attributeUpdates = responses
            .Where(r => r.Key.StartsWith("userAttributes.", StringComparison.Ordinal))
            .Select(r => new KeyValuePair<string, string>(r.Key["userAttributes.".Length..], r.Value))
            .ToList();
        UserAttributes.EnsureWritable(pool, attributeUpdates.Select(a => a.Key));

        // The answer is accepted: only now is the session spent, so a policy error can be corrected and retried.
        session.Used = true;
        foreach (var (name, value) in attributeUpdates)
        {
            pool.SetAttribute(user, name, value);
        }

        pool.SetPassword(user, newPassword, permanent: true);
        return new Outcome(null, Grant(pool, user, client, SignInEvent.New(user, client.ClientId, pool.Now), withRefreshToken: true));
    }

    private static Outcome Refresh(UserPool pool, AppClient client, Dictionary<string, string> parameters)
    {
        // A client that rotates refresh tokens cannot allow this flow (GetTokensFromRefreshToken serves it).
        if (!client.AllowsRefreshTokenAuth)
        {
            throw CognitoErrors.AuthFlowNotEnabled();
        }

        var token = parameters.GetValueOrDefault("REFRESH_TOKEN") ?? throw CognitoErrors.MissingParameter("REFRESH_TOKEN");

        // The known trap: with a secret, the hash must be over Cognito's real username (the UUID), not the email.
        var (record, user) = TokenRefresh.Redeem(pool, client, token, user =>
            SecretHashes.Ensure(client, parameters.GetValueOrDefault("SECRET_HASH"), user.Username, alternativeUsername: null));
        if (record.RotatedAt is not null)
        {
            // Rotated out while the client rotated, and rotation has since been turned off: it stays spent.
            throw CognitoErrors.InvalidRefreshToken();
        }

        return new Outcome(null, TokenGrant.Of(pool, user, client, record.SignIn, refreshToken: null));
    }

    private static TokenGrant Grant(UserPool pool, PoolUser user, AppClient client, SignInEvent signIn, bool withRefreshToken) =>
        TokenGrant.Of(pool, user, client, signIn, withRefreshToken ? pool.IssueRefreshToken(signIn, client) : null);

    /// <summary>The result of an auth step: a challenge to answer, or tokens to sign.</summary>
    private readonly record struct Outcome(AuthFlowResponse? Challenge, TokenGrant? Grant);
}
