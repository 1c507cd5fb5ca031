using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// The sign-in operations: InitiateAuth and AdminInitiateAuth (password, SRP and refresh-token flows), and both
/// RespondToAuthChallenge operations (NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER, SOFTWARE_TOKEN_MFA, MFA_SETUP). Cognito's
/// rules: the client's explicit auth flows, SECRET_HASH for clients with a secret, PreventUserExistenceErrors, disabled
/// users, expiring temporary passwords, single-use three-minute sessions, the pool's MFA, and refresh that returns no new
/// refresh token.
/// </summary>
internal sealed class Authentication(PoolDirectory directory)
{
    private const string UserSrpAuth = "USER_SRP_AUTH";

    // botocore's AuthFlowType and ChallengeNameType, the newest model's.
    private static readonly string[] AuthFlows =
        [UserSrpAuth, "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH"];

    private static readonly string[] ChallengeNames =
    [
        "SMS_MFA", "EMAIL_OTP", SignInSteps.SoftwareTokenMfa, "SELECT_MFA_TYPE", SignInSteps.MfaSetup, SrpAuthentication.PasswordVerifierChallenge, "CUSTOM_CHALLENGE",
        "SELECT_CHALLENGE", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH", SignInSteps.NewPasswordRequired, "SMS_OTP", "PASSWORD", "WEB_AUTHN", "PASSWORD_SRP",
    ];

    private readonly SrpAuthentication _srp = new(directory);

    public AuthFlowResponse AdminInitiateAuth(InitiateAuthRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("clientId", request.ClientId)
            .Required("authFlow", request.AuthFlow)
            .OneOf("authFlow", request.AuthFlow, AuthFlows)
            .ThrowIfInvalid();

        if (request.AuthFlow == UserSrpAuth)
        {
            // AWS documents USER_SRP_AUTH for AdminInitiateAuth too (botocore's AuthParameters: USERNAME, SRP_A).
            return _srp.Start(() => Resolve(directory.Pool(request.UserPoolId!), request.ClientId!), request.AuthParameters ?? []);
        }

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

                // CUSTOM_AUTH and USER_AUTH are not emulated yet: refused even where the client allows them (ALLOW_CUSTOM_AUTH is a default flow).
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

        if (request.AuthFlow == UserSrpAuth)
        {
            return _srp.Start(() => Resolve(directory.PoolOfClient(request.ClientId!), request.ClientId!), request.AuthParameters ?? []);
        }

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

    private static (UserPool Pool, AppClient Client) Resolve(UserPool pool, string clientId) => (pool, pool.Client(clientId));

    private static AuthOutcome PasswordSignIn(UserPool pool, AppClient client, Dictionary<string, string> parameters)
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

        // The pool keeps the password's SRP verifier: the password is checked by making the verifier again.
        if (user.Password is null || !user.Password.Matches(password))
        {
            throw CognitoErrors.IncorrectUsernameOrPassword();
        }

        return SignInSteps.AfterPassword(pool, user, client);
    }

    private static AuthOutcome AnswerChallenge(UserPool pool, AppClient client, RespondToAuthChallengeRequest request)
    {
        var session = pool.Session(request.Session, client);
        if (session.ChallengeName != request.ChallengeName)
        {
            throw CognitoErrors.InvalidSession();
        }

        var responses = request.ChallengeResponses ?? [];
        var username = responses.GetValueOrDefault("USERNAME") ?? throw CognitoErrors.MissingParameter("USERNAME");
        var user = pool.FindUser(username);
        if (session.UnknownUser)
        {
            // The made-up challenge of a user who does not exist fails as a wrong password would.
            SecretHashes.Ensure(client, responses.GetValueOrDefault("SECRET_HASH"), username, alternativeUsername: null);
            session.Used = true;
            throw CognitoErrors.IncorrectUsernameOrPassword();
        }

        if (user is null || user.Username != session.Username)
        {
            throw CognitoErrors.InvalidSession();
        }

        SecretHashes.Ensure(client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username);
        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        return request.ChallengeName switch
        {
            SrpAuthentication.PasswordVerifierChallenge => SrpAuthentication.Answer(pool, client, session, user, responses),
            SignInSteps.SoftwareTokenMfa => MfaChallenges.AnswerSoftwareToken(pool, client, session, user, responses),
            SignInSteps.MfaSetup => MfaChallenges.AnswerMfaSetup(pool, client, session, user),
            _ => AnswerNewPassword(pool, client, session, user, responses),
        };
    }

    private static AuthOutcome AnswerNewPassword(UserPool pool, AppClient client, ChallengeSession session, PoolUser user, Dictionary<string, string> responses)
    {
        var newPassword = responses.GetValueOrDefault("NEW_PASSWORD") ?? throw CognitoErrors.MissingParameter("NEW_PASSWORD");
        pool.EnsurePasswordConforms(newPassword);
        var attributeUpdates = responses
            .Where(r => r.Key.StartsWith("userAttributes.", StringComparison.Ordinal))
            .Select(r => new KeyValuePair<string, string>(r.Key["userAttributes.".Length..], r.Value))
            .ToList();
        UserAttributes.EnsureUpdatable(pool, attributeUpdates.Select(a => a.Key).ToList());

        // The answer is accepted: only now is the session spent, so a policy error can be corrected and retried.
        session.Used = true;
        foreach (var (name, value) in attributeUpdates)
        {
            pool.SetAttribute(user, name, value);
        }

        pool.SetPassword(user, newPassword, permanent: true);
        return SignInSteps.SecondFactor(pool, user, client);
    }

    private static AuthOutcome Refresh(UserPool pool, AppClient client, Dictionary<string, string> parameters)
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

        return new AuthOutcome(null, TokenGrant.Of(pool, user, client, record.SignIn, refreshToken: null));
    }

    /// <summary>
    /// Runs the state step under the pool's lock, then signs any tokens outside it. The pool marks the directory changed
    /// only where a step changes what the data directory keeps (see <see cref="UserPool"/>).
    /// </summary>
    private AuthFlowResponse Complete(Func<AuthOutcome> step)
    {
        AuthOutcome outcome;
        lock (directory.Gate)
        {
            outcome = step();
        }

        return outcome.ToResponse();
    }
}
