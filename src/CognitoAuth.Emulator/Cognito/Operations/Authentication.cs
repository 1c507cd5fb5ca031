using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.SignIn;
using CognitoAuth.Emulator.SignIn.Challenges;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// The sign-in operations of the JSON API — InitiateAuth and AdminInitiateAuth (password, SRP, custom and refresh-token flows), and
/// both RespondToAuthChallenge operations — as an adapter over the <see cref="SignInEngine"/>: it checks the request's
/// shape, finds the pool and app client, applies what is the API's own (which <c>AuthFlow</c> each operation and client
/// allows, the auth parameters by name), and turns the engine's result into an error, a challenge or tokens. Refresh
/// (which returns no new refresh token) is the API's too.
/// </summary>
internal sealed class Authentication(PoolDirectory directory, SignInEngine engine)
{
    private const string UserSrpAuth = "USER_SRP_AUTH";
    private const string CustomAuth = "CUSTOM_AUTH";

    // botocore's AuthFlowType and ChallengeNameType, the newest model's.
    private static readonly string[] AuthFlows =
        [UserSrpAuth, "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", CustomAuth, "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH"];

    private static readonly string[] ChallengeNameTypes =
    [
        "SMS_MFA", "EMAIL_OTP", ChallengeNames.SoftwareTokenMfa, "SELECT_MFA_TYPE", ChallengeNames.MfaSetup, ChallengeNames.PasswordVerifier, "CUSTOM_CHALLENGE",
        "SELECT_CHALLENGE", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH", ChallengeNames.NewPasswordRequired, "SMS_OTP", "PASSWORD", "WEB_AUTHN", "PASSWORD_SRP",
    ];

    public async Task<AuthFlowResponse> AdminInitiateAuthAsync(InitiateAuthRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("clientId", request.ClientId)
            .Required("authFlow", request.AuthFlow)
            .OneOf("authFlow", request.AuthFlow, AuthFlows)
            .ThrowIfInvalid();

        var (pool, client) = Resolve(() => directory.Pool(request.UserPoolId!), request.ClientId!);
        var parameters = request.AuthParameters ?? [];
        return request.AuthFlow switch
        {
            "ADMIN_USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" => client.AllowsAdminPasswordAuth
                ? await PasswordAsync(pool, client, parameters, cancellationToken)
                : throw CognitoErrors.AuthFlowNotEnabled(),

            // AWS documents USER_SRP_AUTH for AdminInitiateAuth too (botocore's AuthParameters: USERNAME, SRP_A).
            UserSrpAuth => await SrpAsync(pool, client, parameters, cancellationToken),
            "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => await RefreshAsync(pool, client, parameters, cancellationToken),
            "USER_PASSWORD_AUTH" => throw CognitoErrors.InitiateAuthMethodNotSupported(),
            CustomAuth => client.AllowsCustomAuth
                ? await CustomAsync(pool, client, parameters, request.ClientMetadata, cancellationToken)
                : throw CognitoErrors.AuthFlowNotEnabled(),

            // USER_AUTH is not emulated yet: refused even where the client allows it.
            _ => throw CognitoErrors.AuthFlowNotEnabled(),
        };
    }

    public async Task<AuthFlowResponse> InitiateAuthAsync(InitiateAuthRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("authFlow", request.AuthFlow)
            .Required("clientId", request.ClientId)
            .OneOf("authFlow", request.AuthFlow, AuthFlows)
            .ThrowIfInvalid();

        var (pool, client) = Resolve(() => directory.PoolOfClient(request.ClientId!), request.ClientId!);
        var parameters = request.AuthParameters ?? [];
        return request.AuthFlow switch
        {
            "USER_PASSWORD_AUTH" => client.AllowsUserPasswordAuth
                ? await PasswordAsync(pool, client, parameters, cancellationToken)
                : throw CognitoErrors.FlowNotEnabled("USER_PASSWORD_AUTH"),
            UserSrpAuth => await SrpAsync(pool, client, parameters, cancellationToken),
            "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => await RefreshAsync(pool, client, parameters, cancellationToken),
            "ADMIN_USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" => throw CognitoErrors.InitiateAuthMethodNotSupported(),
            CustomAuth when client.AllowsCustomAuth => await CustomAsync(pool, client, parameters, request.ClientMetadata, cancellationToken),
            var flow => throw CognitoErrors.FlowNotEnabled(flow!),
        };
    }

    public Task<AuthFlowResponse> AdminRespondToAuthChallengeAsync(RespondToAuthChallengeRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("clientId", request.ClientId)
            .Required("challengeName", request.ChallengeName)
            .OneOf("challengeName", request.ChallengeName, ChallengeNameTypes)
            .ThrowIfInvalid();

        var (pool, client) = Resolve(() => directory.Pool(request.UserPoolId!), request.ClientId!);
        return AnswerAsync(pool, client, request, cancellationToken);
    }

    public Task<AuthFlowResponse> RespondToAuthChallengeAsync(RespondToAuthChallengeRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("challengeName", request.ChallengeName)
            .OneOf("challengeName", request.ChallengeName, ChallengeNameTypes)
            .ThrowIfInvalid();

        var (pool, client) = Resolve(() => directory.PoolOfClient(request.ClientId!), request.ClientId!);
        return AnswerAsync(pool, client, request, cancellationToken);
    }

    private (UserPool Pool, AppClient Client) Resolve(Func<UserPool> pool, string clientId)
    {
        lock (directory.Gate)
        {
            var found = pool();
            return (found, found.Client(clientId));
        }
    }

    private async Task<AuthFlowResponse> PasswordAsync(UserPool pool, AppClient client, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var username = Required(parameters, "USERNAME");
        var password = Required(parameters, "PASSWORD");
        return await RespondAsync(
            pool, await engine.PasswordAsync(pool, client, username, password, parameters.GetValueOrDefault("SECRET_HASH"), parameters.GetValueOrDefault("DEVICE_KEY"), SignInChannel.Api, cancellationToken),
            PreTokenGenerationTrigger.Authentication, cancellationToken);
    }

    private async Task<AuthFlowResponse> SrpAsync(UserPool pool, AppClient client, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (!client.AllowsUserSrpAuth)
        {
            throw CognitoErrors.SrpNotEnabled();
        }

        var username = Required(parameters, "USERNAME");
        var srpA = Required(parameters, "SRP_A");
        return await RespondAsync(pool, await engine.StartSrpAsync(pool, client, username, srpA, parameters.GetValueOrDefault("SECRET_HASH"), parameters.GetValueOrDefault("DEVICE_KEY"), cancellationToken), PreTokenGenerationTrigger.Authentication, cancellationToken);
    }

    /// <summary>
    /// <c>CUSTOM_AUTH</c>: <c>USERNAME</c>, and <c>SRP_A</c> when <c>CHALLENGE_NAME</c> is <c>SRP_A</c> (SRP first, then the custom
    /// challenges); the pool's define/create/verify triggers decide the rest.
    /// </summary>
    private async Task<AuthFlowResponse> CustomAsync(
        UserPool pool, AppClient client, Dictionary<string, string> parameters, Dictionary<string, string>? clientMetadata, CancellationToken cancellationToken)
    {
        var username = Required(parameters, "USERNAME");
        var srpA = parameters.GetValueOrDefault("CHALLENGE_NAME") == "SRP_A" ? Required(parameters, "SRP_A") : null;
        return await RespondAsync(
            pool, await engine.StartCustomAsync(pool, client, username, srpA, parameters.GetValueOrDefault("SECRET_HASH"), clientMetadata, cancellationToken),
            PreTokenGenerationTrigger.Authentication, cancellationToken);
    }

    private async Task<AuthFlowResponse> AnswerAsync(UserPool pool, AppClient client, RespondToAuthChallengeRequest request, CancellationToken cancellationToken) =>
        await RespondAsync(
            pool, await engine.AnswerAsync(pool, client, request.ChallengeName!, request.Session, request.ChallengeResponses ?? [], SignInChannel.Api, request.ClientMetadata,
                cancellationToken),
            request.ChallengeName switch
            {
                ChallengeNames.NewPasswordRequired => PreTokenGenerationTrigger.NewPasswordChallenge,
                DeviceSteps.DevicePasswordVerifier => PreTokenGenerationTrigger.AuthenticateDevice,
                _ => PreTokenGenerationTrigger.Authentication,
            },
            cancellationToken);

    private static string Required(Dictionary<string, string> parameters, string name) =>
        parameters.GetValueOrDefault(name) ?? throw CognitoErrors.MissingParameter(name);

    /// <summary>The engine's result as the API answers it: an error, a challenge, or tokens with a new refresh token.</summary>
    private async Task<AuthFlowResponse> RespondAsync(UserPool pool, SignInResult result, string tokenSource, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case SignInResult.Refused refused:
                throw CognitoErrors.From(refused.Error);
            case SignInResult.Challenged challenge:
                return new AuthFlowResponse
                {
                    ChallengeName = challenge.Name,
                    Session = challenge.Session,
                    ChallengeParameters = new Dictionary<string, string>(challenge.Parameters, StringComparer.Ordinal),
                };
            default:
                var authenticated = (SignInResult.Authenticated)result;
                var (user, client, signIn) = authenticated;
                TokenGrant grant;
                lock (directory.Gate)
                {
                    grant = TokenGrant.Of(pool, user, client, signIn, pool.IssueRefreshToken(signIn, client), tokenSource);
                }

                // Signed outside the lock, after the PreTokenGeneration trigger.
                var response = await grant.ToResponseAsync(cancellationToken);
                if (authenticated.NewDevice is { } device)
                {
                    response.AuthenticationResult!.NewDeviceMetadata = new NewDeviceMetadataType { DeviceKey = device.Key, DeviceGroupKey = device.GroupKey };
                }

                return response;
        }
    }

    private async Task<AuthFlowResponse> RefreshAsync(UserPool pool, AppClient client, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        TokenGrant grant;
        lock (directory.Gate)
        {
            // A client that rotates refresh tokens cannot allow this flow (GetTokensFromRefreshToken serves it).
            if (!client.AllowsRefreshTokenAuth)
            {
                throw CognitoErrors.AuthFlowNotEnabled();
            }

            var token = Required(parameters, "REFRESH_TOKEN");

            // The known trap: with a secret, the hash must be over Cognito's real username (the UUID), not the email.
            var (record, user) = TokenRefresh.Redeem(pool, client, token, user =>
                client.SecretHashRefusal(parameters.GetValueOrDefault("SECRET_HASH"), user.Username, alternativeUsername: null), parameters.GetValueOrDefault("DEVICE_KEY"));
            if (record.RotatedAt is not null)
            {
                // Rotated out while the client rotated, and rotation has since been turned off: it stays spent.
                throw CognitoErrors.InvalidRefreshToken();
            }

            grant = TokenGrant.Of(pool, user, client, record.SignIn, refreshToken: null, PreTokenGenerationTrigger.RefreshTokens);
        }

        return await grant.ToResponseAsync(cancellationToken);
    }
}
