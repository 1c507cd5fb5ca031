using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>
/// A handwritten Cognito with one user, behaving as the real service does for the operations the client uses:
/// it checks passwords, SECRET_HASH (against Cognito's real user name on refresh), sessions and refresh tokens, and
/// issues JWT-shaped tokens. Tests script it through its fields, count its calls, and can hold a call open.
/// </summary>
internal sealed class FakeCognito(FakeTimeProvider time) : ICognitoIdentityProvider
{
    public const string PoolId = "ap-northeast-1_TestPool1";
    public const string ClientId = "5f7a9client";

    private readonly Lock _lock = new();
    private readonly HashSet<string> _sessions = [];
    private readonly HashSet<string> _refreshTokens = [];
    private int _serial;

    /// <summary>What the user signs in with (may be an alias such as an e-mail address).</summary>
    public string Username { get; set; } = "testuser@example.com";

    /// <summary>Cognito's own user name; a UUID when <see cref="Username"/> is an alias.</summary>
    public string CognitoUsername { get; set; } = "testuser@example.com";

    public string Password { get; set; } = "TempPass123!";

    public bool MustChangePassword { get; set; }

    public string RequiredAttributesJson { get; set; } = "[]";

    /// <summary>When set, SECRET_HASH is required and verified.</summary>
    public string? ClientSecret { get; set; }

    public int ExpiresIn { get; set; } = 3600;

    /// <summary>Leaves <c>ExpiresIn</c> out of authentication results, as cognito-local does (botocore marks it optional).</summary>
    public bool OmitExpiresIn { get; set; }

    /// <summary>Leaves <c>exp</c> and <c>iat</c> out of the access token.</summary>
    public bool OmitTokenTimes { get; set; }

    /// <summary>Issues no ID token, as the client-credentials grant does.</summary>
    public bool OmitIdToken { get; set; }

    /// <summary>A challenge returned instead of tokens after a correct password (e.g. SOFTWARE_TOKEN_MFA).</summary>
    public string? Challenge { get; set; }

    /// <summary>The response key and value that answer <see cref="Challenge"/>; a wrong value is a <c>CodeMismatchException</c>.</summary>
    public (string Key, string Value)? ChallengeAnswer { get; set; }

    /// <summary>How many more times <see cref="Challenge"/> is asked again after a right answer, before the tokens.</summary>
    public int ChallengeRepeats { get; set; }

    /// <summary>
    /// Refresh-token rotation on the app client: <c>REFRESH_TOKEN_AUTH</c> is refused, <c>GetTokensFromRefreshToken</c> returns a
    /// new refresh token and retires the old one (a retired one used again: <c>RefreshTokenReuseException</c>).
    /// </summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>Answers <c>GetTokensFromRefreshToken</c> with <c>UnknownOperationException</c>, as an emulator that predates it does.</summary>
    public bool LacksGetTokensFromRefreshToken { get; set; }

    private byte[]? _pendingTotpKey;
    private byte[]? _verifiedTotpKey;

    /// <summary>Refresh tokens retired by rotation.</summary>
    private readonly HashSet<string> _retiredRefreshTokens = [];

    /// <summary>Simulated latency: the clock advances this much during each call.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When set, every call waits for it: a test holds calls open to observe concurrency.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>The user's enrolled authenticator key: with it, a correct password is followed by <c>SOFTWARE_TOKEN_MFA</c>.</summary>
    public byte[]? TotpKey { get; set; }

    /// <summary>The TOTP time steps whose codes Cognito accepted (a code is accepted once).</summary>
    public List<long> AcceptedTotpSteps { get; } = [];

    /// <summary>The pool's define/create/verify triggers: with them, <c>CUSTOM_AUTH</c> works (without, Cognito refuses the flow).</summary>
    public FakeCustomAuthPool? CustomAuth { get; set; }

    /// <summary>The custom sign-ins in progress by session: their <c>session[]</c> and the current private challenge parameters.</summary>
    private readonly Dictionary<string, (List<ChallengeResult> History, Dictionary<string, string> Private)> _customSessions = [];

    /// <summary>The pool's allowed first factors for <c>USER_AUTH</c> (<c>SignInPolicy.AllowedFirstAuthFactors</c>); empty refuses the flow.</summary>
    public List<string> AllowedFirstAuthFactors { get; } = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"];

    /// <summary>The codes sent by e-mail or SMS, newest last: (challenge, code).</summary>
    public List<(string Challenge, string Code)> Inbox { get; } = [];

    private readonly Dictionary<string, string> _pendingCodes = [];

    /// <summary>Refuses every SRP proof, as Cognito does for a wrong password.</summary>
    public bool RejectSrpProofs { get; set; }

    /// <summary>Runs at the start of each call with its operation's name: what another process does at that moment.</summary>
    public Func<string, Task>? BeforeCall { get; set; }

    /// <summary>Failures to throw, one per call, before behaving normally.</summary>
    public ConcurrentQueue<CognitoException> Failures { get; } = new();

    public ConcurrentQueue<(string Operation, object Request)> Calls { get; } = new();

    /// <summary>Every secret sent to or issued by this fake: passwords, sessions, tokens, SECRET_HASHes, client secrets.</summary>
    public SecretScanner Secrets { get; } = new();

    /// <summary>
    /// How many challenge answers are processed twice, as when the first attempt's response is lost and the wire layer
    /// retries it: the first run spends the session and sets the password, the second is what the client sees.
    /// </summary>
    public int LostChallengeAnswers { get; set; }

    /// <summary>Rejects every challenge answer as Cognito does once the session has expired.</summary>
    public bool RejectChallengeAnswers { get; set; }

    /// <summary>
    /// Device tracking on the pool: each full sign-in that proves no remembered device comes with <c>NewDeviceMetadata</c>;
    /// a sign-in that offers a known device (<c>DEVICE_KEY</c>) proves it (<c>DEVICE_SRP_AUTH</c>, verified here with the
    /// server side of SRP), and a remembered one skips the TOTP step; refresh tokens are bound to their device.
    /// </summary>
    public bool TrackDevices { get; set; }

    /// <summary><c>DeviceOnlyRememberedOnUserPrompt</c>: <c>ConfirmDevice</c> answers <c>UserConfirmationNecessary</c>, and only <c>UpdateDeviceStatus</c> remembers.</summary>
    public bool DeviceConfirmationNecessary { get; set; } = true;

    /// <summary>The devices Cognito knows for the user, by device key.</summary>
    public Dictionary<string, FakeDevice> Devices { get; } = [];

    /// <summary>The device proved in the sign-in under way, and the one offered (<c>DEVICE_KEY</c>).</summary>
    private string? _offeredDevice;
    private bool _deviceProved;
    private readonly Dictionary<string, (string DeviceKey, string Group)> _newDevices = [];
    private readonly Dictionary<string, string> _refreshTokenDevices = [];
    private readonly Dictionary<string, DeviceProof> _deviceProofs = [];

    /// <summary>Forgets a device, as <c>ForgetDevice</c> or <c>AdminForgetDevice</c> does.</summary>
    public void ForgetDevice(string deviceKey)
    {
        lock (_lock)
        {
            Devices.Remove(deviceKey);
        }
    }

    public int Count(string operation) => Calls.Count(c => c.Operation == operation);

    public int SignIns => Calls.Count(c => AuthFlowOf(c.Request) is AuthFlowType.AdminUserPasswordAuth or AuthFlowType.UserPasswordAuth);

    public int Refreshes => Calls.Count(c => AuthFlowOf(c.Request) == AuthFlowType.RefreshTokenAuth || c.Request is GetTokensFromRefreshTokenRequest);

    public int RefreshTokenAuths => Calls.Count(c => AuthFlowOf(c.Request) == AuthFlowType.RefreshTokenAuth);

    public IEnumerable<T> Requests<T>() => Calls.Select(c => c.Request).OfType<T>();

    /// <summary>Makes every refresh token issued so far invalid, as when it expires or is revoked elsewhere.</summary>
    public void ExpireRefreshTokens()
    {
        lock (_lock)
        {
            _refreshTokens.Clear();
        }
    }

    public static string Hash(string secret, string username) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username + ClientId)));

    public async Task<AuthFlowResponse> AdminInitiateAuthAsync(CognitoEndpoint endpoint, AdminInitiateAuthRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(AdminInitiateAuthAsync), request, cancellationToken);
        if (request.UserPoolId != PoolId)
        {
            throw Error("ResourceNotFoundException", "User pool does not exist.");
        }

        return Issue(Initiate(request.ClientId, request.AuthFlow, request.AuthParameters, AuthFlowType.AdminUserPasswordAuth));
    }

    public async Task<AuthFlowResponse> InitiateAuthAsync(CognitoEndpoint endpoint, InitiateAuthRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(InitiateAuthAsync), request, cancellationToken);
        return Issue(Initiate(request.ClientId, request.AuthFlow, request.AuthParameters, AuthFlowType.UserPasswordAuth));
    }

    public async Task<AuthFlowResponse> AdminRespondToAuthChallengeAsync(CognitoEndpoint endpoint, AdminRespondToAuthChallengeRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(AdminRespondToAuthChallengeAsync), request, cancellationToken);
        LoseAnswer(() => Respond(request.ClientId, request.ChallengeName, request.Session, request.ChallengeResponses));
        return Issue(Respond(request.ClientId, request.ChallengeName, request.Session, request.ChallengeResponses));
    }

    public async Task<AuthFlowResponse> RespondToAuthChallengeAsync(CognitoEndpoint endpoint, RespondToAuthChallengeRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(RespondToAuthChallengeAsync), request, cancellationToken);
        LoseAnswer(() => Respond(request.ClientId, request.ChallengeName, request.Session, request.ChallengeResponses));
        return Issue(Respond(request.ClientId, request.ChallengeName, request.Session, request.ChallengeResponses));
    }

    public async Task RevokeTokenAsync(CognitoEndpoint endpoint, RevokeTokenRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(RevokeTokenAsync), request, cancellationToken);
        lock (_lock)
        {
            _refreshTokens.Remove(request.Token);
        }
    }

    public async Task<GetTokensFromRefreshTokenResponse> GetTokensFromRefreshTokenAsync(CognitoEndpoint endpoint, GetTokensFromRefreshTokenRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetTokensFromRefreshTokenAsync), request, cancellationToken);
        if (LacksGetTokensFromRefreshToken)
        {
            throw Error(CognitoErrorCodes.UnknownOperation, "Unknown operation GetTokensFromRefreshToken.");
        }

        CheckClient(request.ClientId);
        if (ClientSecret is not null && request.ClientSecret != ClientSecret)
        {
            throw Error("NotAuthorizedException", "Client secret does not match.");
        }

        lock (_lock)
        {
            if (_retiredRefreshTokens.Contains(request.RefreshToken))
            {
                throw Error(CognitoErrorCodes.RefreshTokenReuse, "Refresh token has been used and rotated.");
            }

            if (!_refreshTokens.Contains(request.RefreshToken))
            {
                throw Error("NotAuthorizedException", "Invalid Refresh Token.");
            }

            if (RotateRefreshTokens)
            {
                _refreshTokens.Remove(request.RefreshToken);
                _retiredRefreshTokens.Add(request.RefreshToken);
            }
        }

        CheckRefreshDevice(request.RefreshToken, request.DeviceKey);

        return new GetTokensFromRefreshTokenResponse { AuthenticationResult = Issue(Tokens(withRefreshToken: RotateRefreshTokens)).AuthenticationResult };
    }

    public async Task<AssociateSoftwareTokenResponse> AssociateSoftwareTokenAsync(CognitoEndpoint endpoint, AssociateSoftwareTokenRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(AssociateSoftwareTokenAsync), request, cancellationToken);
        CheckAccessToken(request.AccessToken);
        _pendingTotpKey = RandomNumberGenerator.GetBytes(20);
        var secret = Base32Of(_pendingTotpKey);
        Secrets.Add(secret, "TOTP secret");
        return new AssociateSoftwareTokenResponse { SecretCode = secret };
    }

    public async Task<VerifySoftwareTokenResponse> VerifySoftwareTokenAsync(CognitoEndpoint endpoint, VerifySoftwareTokenRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(VerifySoftwareTokenAsync), request, cancellationToken);
        CheckAccessToken(request.AccessToken);
        var step = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        if (_pendingTotpKey is null || TotpOf(_pendingTotpKey, step) != request.UserCode)
        {
            throw Error("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
        }

        _verifiedTotpKey = _pendingTotpKey;
        AcceptedTotpSteps.Add(step);
        return new VerifySoftwareTokenResponse { Status = "SUCCESS" };
    }

    public async Task SetUserMfaPreferenceAsync(CognitoEndpoint endpoint, SetUserMfaPreferenceRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(SetUserMfaPreferenceAsync), request, cancellationToken);
        CheckAccessToken(request.AccessToken);
        if (request.SoftwareTokenMfaSettings is { Enabled: true })
        {
            TotpKey = _verifiedTotpKey ?? throw Error("InvalidParameterException", "User has not verified software token mfa");
        }
    }

    private void CheckAccessToken(string? accessToken)
    {
        if (accessToken is null || !accessToken.StartsWith("eyJ", StringComparison.Ordinal))
        {
            throw Error("NotAuthorizedException", "Invalid Access Token");
        }
    }

    public async Task<AdminCreateUserResponse> AdminCreateUserAsync(CognitoEndpoint endpoint, AdminCreateUserRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(AdminCreateUserAsync), request, cancellationToken);
        return new AdminCreateUserResponse { User = new UserType { Username = Guid.NewGuid().ToString(), UserStatus = "FORCE_CHANGE_PASSWORD" } };
    }

    private void LoseAnswer(Func<AuthFlowResponse> answer)
    {
        if (LostChallengeAnswers > 0)
        {
            LostChallengeAnswers--;
            _ = Issue(answer());
        }
    }

    private static string? AuthFlowOf(object request) => request switch
    {
        AdminInitiateAuthRequest admin => admin.AuthFlow,
        InitiateAuthRequest user => user.AuthFlow,
        _ => null,
    };

    private AuthFlowResponse Issue(AuthFlowResponse response)
    {
        Secrets.AddFromJson(JsonSerializer.SerializeToUtf8Bytes(response));
        return response;
    }

    private async Task EnterAsync(string operation, object request, CancellationToken cancellationToken)
    {
        if (BeforeCall is { } before)
        {
            await before(operation);
        }

        Calls.Enqueue((operation, request));
        Secrets.AddFromJson(JsonSerializer.SerializeToUtf8Bytes(request));
        Secrets.Add(Password, "the user's password");
        Secrets.Add(ClientSecret, "client secret");
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Latency > TimeSpan.Zero)
        {
            time.Advance(Latency);
        }

        if (Failures.TryDequeue(out var failure))
        {
            throw failure;
        }
    }

    private AuthFlowResponse Initiate(string clientId, string authFlow, Dictionary<string, string>? parameters, string passwordFlow)
    {
        CheckClient(clientId);
        parameters ??= [];
        if (authFlow == AuthFlowType.RefreshTokenAuth)
        {
            // Cognito checks the hash against its own user name, not the alias the user signed in with.
            CheckSecretHash(parameters, CognitoUsername);
            var refreshToken = parameters.GetValueOrDefault(AuthParameterNames.RefreshToken);
            lock (_lock)
            {
                if (refreshToken is null || !_refreshTokens.Contains(refreshToken))
                {
                    throw Error("NotAuthorizedException", "Invalid Refresh Token");
                }
            }

            CheckRefreshDevice(refreshToken, parameters.GetValueOrDefault(AuthParameterNames.DeviceKey));

            if (RotateRefreshTokens)
            {
                // A rotating client has ALLOW_REFRESH_TOKEN_AUTH off: Cognito refuses the flow.
                throw Error("InvalidParameterException", "Auth flow not enabled for this client.");
            }

            return Tokens(withRefreshToken: false);
        }

        OfferDevice(parameters.GetValueOrDefault(AuthParameterNames.DeviceKey));
        if (authFlow == AuthFlowType.UserSrpAuth && passwordFlow == AuthFlowType.UserPasswordAuth)
        {
            return SrpChallenge(parameters);
        }

        if (authFlow == AuthFlowType.CustomAuth && passwordFlow == AuthFlowType.UserPasswordAuth)
        {
            return StartCustom(parameters);
        }

        if (authFlow == AuthFlowType.UserAuth && passwordFlow == AuthFlowType.UserPasswordAuth)
        {
            return StartUserAuth(parameters);
        }

        if (authFlow != passwordFlow)
        {
            throw Error("InvalidParameterException", $"Unsupported auth flow {authFlow}.");
        }

        var username = parameters.GetValueOrDefault(AuthParameterNames.Username);
        if (username != Username && username != CognitoUsername)
        {
            throw Error("UserNotFoundException", "User does not exist.");
        }

        CheckSecretHash(parameters, username);
        if (parameters.GetValueOrDefault(AuthParameterNames.Password) != Password)
        {
            throw Error("NotAuthorizedException", "Incorrect username or password.");
        }

        return AfterPassword();
    }

    /// <summary>What follows a password Cognito accepted: a new password, the second factor, a scripted challenge, or tokens.</summary>
    private AuthFlowResponse AfterPassword()
    {
        if (MustChangePassword)
        {
            var session = NewSession();
            return new AuthFlowResponse
            {
                ChallengeName = ChallengeNameType.NewPasswordRequired,
                Session = session,
                ChallengeParameters = new()
                {
                    [AuthParameterNames.UserIdForSrp] = CognitoUsername,
                    [AuthParameterNames.RequiredAttributes] = RequiredAttributesJson,
                    ["userAttributes"] = "{\"email_verified\":\"true\"}",
                },
            };
        }

        return AfterNewPassword();
    }

    private AuthFlowResponse AfterNewPassword()
    {
        if (_offeredDevice is not null && !_deviceProved)
        {
            return new AuthFlowResponse { ChallengeName = "DEVICE_SRP_AUTH", Session = NewSession(), ChallengeParameters = new() { [AuthParameterNames.Username] = CognitoUsername } };
        }

        if (_deviceProved && Devices.TryGetValue(_offeredDevice!, out var proved) && proved.Remembered)
        {
            // The pool skips MFA on a remembered device.
            return SignedIn();
        }

        if (TotpKey is not null)
        {
            return new AuthFlowResponse { ChallengeName = ChallengeNameType.SoftwareTokenMfa, Session = NewSession(), ChallengeParameters = new() { [AuthParameterNames.UserIdForSrp] = CognitoUsername } };
        }

        if (Challenge is { } challenge)
        {
            return new AuthFlowResponse { ChallengeName = challenge, Session = "session-mfa", ChallengeParameters = new() { [AuthParameterNames.UserIdForSrp] = CognitoUsername } };
        }

        return SignedIn();
    }

    private string NewSession()
    {
        var session = $"session-{Interlocked.Increment(ref _serial)}-secret";
        lock (_lock)
        {
            _sessions.Add(session);
        }

        return session;
    }

    /// <summary>
    /// <c>USER_SRP_AUTH</c>: the <c>PASSWORD_VERIFIER</c> challenge with fixed values. This fake does not verify SRP proofs
    /// (the emulator does, against AWS's own client); it checks the answer's shape, user name and secret hash.
    /// </summary>
    private AuthFlowResponse SrpChallenge(Dictionary<string, string> parameters)
    {
        var username = parameters.GetValueOrDefault(AuthParameterNames.Username);
        if (username != Username && username != CognitoUsername)
        {
            throw Error("UserNotFoundException", "User does not exist.");
        }

        CheckSecretHash(parameters, username);
        if (parameters.GetValueOrDefault(AuthParameterNames.SrpA) is not { Length: > 0 } srpA || !srpA.All(char.IsAsciiHexDigit))
        {
            throw Error("InvalidParameterException", "Missing required parameter SRP_A");
        }

        return new AuthFlowResponse
        {
            ChallengeName = ChallengeNameType.PasswordVerifier,
            Session = NewSession(),
            ChallengeParameters = new()
            {
                [AuthParameterNames.UserIdForSrp] = CognitoUsername,
                [AuthParameterNames.Username] = CognitoUsername,
                ["SALT"] = "5d3e8c1f0a9b7c6d",
                ["SRP_B"] = "1a2b3c4d5e6f7081",
                ["SECRET_BLOCK"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("secret-block-of-the-fake")),
            },
        };
    }

    /// <summary>The answer to <c>PASSWORD_VERIFIER</c> or <c>SOFTWARE_TOKEN_MFA</c>; <see langword="null"/> for other challenges.</summary>
    private AuthFlowResponse? RespondToSecondFactors(string challengeName, Dictionary<string, string> responses)
    {
        if (challengeName == ChallengeNameType.PasswordVerifier)
        {
            if (responses.GetValueOrDefault(AuthParameterNames.Username) != CognitoUsername)
            {
                throw Error("NotAuthorizedException", "Incorrect username or password.");
            }

            CheckSecretHash(responses, CognitoUsername);
            if (responses.GetValueOrDefault("PASSWORD_CLAIM_SECRET_BLOCK") != Convert.ToBase64String(Encoding.UTF8.GetBytes("secret-block-of-the-fake"))
                || responses.GetValueOrDefault("PASSWORD_CLAIM_SIGNATURE") is not { Length: 44 }
                || !System.Text.RegularExpressions.Regex.IsMatch(responses.GetValueOrDefault("TIMESTAMP") ?? "", @"^[A-Z][a-z]{2} [A-Z][a-z]{2} [1-9]\d? \d{2}:\d{2}:\d{2} UTC \d{4}$"))
            {
                throw Error("InvalidParameterException", "Missing or malformed PASSWORD_VERIFIER responses");
            }

            return RejectSrpProofs ? throw Error("NotAuthorizedException", "Incorrect username or password.") : AfterPassword();
        }

        if (challengeName == ChallengeNameType.SoftwareTokenMfa)
        {
            CheckSecretHash(responses, responses.GetValueOrDefault(AuthParameterNames.Username));
            var code = responses.GetValueOrDefault(AuthParameterNames.SoftwareTokenMfaCode);
            var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
            foreach (var step in new[] { now, now - 1, now + 1 })
            {
                if (TotpKey is not null && TotpOf(TotpKey, step) == code)
                {
                    lock (_lock)
                    {
                        if (AcceptedTotpSteps.Contains(step))
                        {
                            throw Error("ExpiredCodeException", "Your software token has already been used once.");
                        }

                        AcceptedTotpSteps.Add(step);
                    }

                    return SignedIn();
                }
            }

            throw Error("CodeMismatchException", "Invalid code or auth state for the user.");
        }

        return null;
    }

    /// <summary>RFC 6238 (SHA-1, 6 digits) written apart from the client's, so that each checks the other.</summary>
    public static string TotpOf(byte[] key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 without padding, as Cognito's <c>SecretCode</c>.</summary>
    public static string Base32Of(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    /// <summary><c>USER_AUTH</c>: the preferred first factor when the pool allows it, else <c>SELECT_CHALLENGE</c> with the allowed ones.</summary>
    private AuthFlowResponse StartUserAuth(Dictionary<string, string> parameters)
    {
        if (AllowedFirstAuthFactors.Count == 0)
        {
            throw Error("InvalidParameterException", "Auth flow not enabled for this client.");
        }

        var username = parameters.GetValueOrDefault(AuthParameterNames.Username);
        if (username != Username && username != CognitoUsername)
        {
            throw Error("UserNotFoundException", "User does not exist.");
        }

        CheckSecretHash(parameters, username);
        if (parameters.GetValueOrDefault(AuthParameterNames.PreferredChallenge) is { } preferred && AllowedFirstAuthFactors.Contains(preferred))
        {
            return FirstFactor(preferred, parameters);
        }

        return new AuthFlowResponse
        {
            ChallengeName = ChallengeNameType.SelectChallenge,
            Session = NewSession(),
            ChallengeParameters = new() { [AuthParameterNames.Username] = CognitoUsername },
            AvailableChallenges = [.. AllowedFirstAuthFactors],
        };
    }

    /// <summary>A first factor of <c>USER_AUTH</c>, with what came with it (<c>PASSWORD</c>, <c>SRP_A</c>), or a code sent.</summary>
    private AuthFlowResponse FirstFactor(string factor, Dictionary<string, string> parameters)
    {
        switch (factor)
        {
            case "PASSWORD":
                return parameters.GetValueOrDefault(AuthParameterNames.Password) == Password
                    ? AfterPassword()
                    : throw Error("NotAuthorizedException", "Incorrect username or password.");
            case "PASSWORD_SRP":
                return SrpChallenge(new() { [AuthParameterNames.Username] = CognitoUsername, [AuthParameterNames.SrpA] = parameters.GetValueOrDefault(AuthParameterNames.SrpA) ?? "" });
            case "EMAIL_OTP" or "SMS_OTP":
                var code = Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                var session = NewSession();
                lock (_lock)
                {
                    _pendingCodes[session] = code;
                    Inbox.Add((factor, code));
                }

                return new AuthFlowResponse
                {
                    ChallengeName = factor,
                    Session = session,
                    ChallengeParameters = new()
                    {
                        [AuthParameterNames.Username] = CognitoUsername,
                        ["CODE_DELIVERY_DELIVERY_MEDIUM"] = factor == "EMAIL_OTP" ? "EMAIL" : "SMS",
                        ["CODE_DELIVERY_DESTINATION"] = factor == "EMAIL_OTP" ? "t***@e***" : "+*******1234",
                    },
                };
            default:
                throw Error("InvalidParameterException", $"The challenge {factor} is not allowed.");
        }
    }

    /// <summary>The answer to <c>SELECT_CHALLENGE</c> (the chosen factor) or to a code challenge.</summary>
    private AuthFlowResponse RespondUserAuth(string challengeName, string? session, Dictionary<string, string> responses)
    {
        CheckSecretHash(responses, responses.GetValueOrDefault(AuthParameterNames.Username));
        if (challengeName == ChallengeNameType.SelectChallenge)
        {
            lock (_lock)
            {
                if (session is null || !_sessions.Remove(session))
                {
                    throw Error("NotAuthorizedException", "Invalid session for the user.");
                }
            }

            var answer = responses.GetValueOrDefault(AuthParameterNames.Answer);
            return answer is not null && AllowedFirstAuthFactors.Contains(answer)
                ? FirstFactor(answer, responses)
                : throw Error("InvalidParameterException", "Invalid ANSWER for SELECT_CHALLENGE.");
        }

        string? expected;
        lock (_lock)
        {
            expected = session is null ? null : _pendingCodes.GetValueOrDefault(session);
        }

        if (expected is null)
        {
            throw Error("NotAuthorizedException", "Invalid session for the user.");
        }

        if (responses.GetValueOrDefault(challengeName + "_CODE") != expected)
        {
            // A wrong code leaves the session open for another answer.
            throw Error("CodeMismatchException", "Invalid code received for user");
        }

        lock (_lock)
        {
            _pendingCodes.Remove(session!);
        }

        return SignedIn();
    }

    /// <summary><c>CUSTOM_AUTH</c>: the user, then the define trigger with an empty <c>session[]</c> (or <c>SRP_A</c> when the client proves its password first).</summary>
    private AuthFlowResponse StartCustom(Dictionary<string, string> parameters)
    {
        var pool = CustomAuth ?? throw Error("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.");
        var username = parameters.GetValueOrDefault(AuthParameterNames.Username);
        if (username != Username && username != CognitoUsername)
        {
            throw Error("UserNotFoundException", "User does not exist.");
        }

        CheckSecretHash(parameters, username);
        List<ChallengeResult> history = [];
        if (parameters.GetValueOrDefault(AuthParameterNames.ChallengeName) == "SRP_A")
        {
            if (parameters.GetValueOrDefault(AuthParameterNames.SrpA) is not { Length: > 0 })
            {
                throw Error("InvalidParameterException", "Missing required parameter SRP_A");
            }

            history.Add(new ChallengeResult("SRP_A", true));
        }

        return NextCustom(pool, history);
    }

    /// <summary>Asks the define trigger what follows <paramref name="history"/>, and the create trigger for a custom challenge's parameters.</summary>
    private AuthFlowResponse NextCustom(FakeCustomAuthPool pool, List<ChallengeResult> history)
    {
        pool.DefineCalls.Add([.. history]);
        var decision = pool.Define(history);
        if (decision.IssueTokens)
        {
            return SignedIn();
        }

        if (decision.FailAuthentication || decision.ChallengeName is null)
        {
            throw Error("NotAuthorizedException", "Incorrect username or password.");
        }

        var session = NewSession();
        if (decision.ChallengeName == ChallengeNameType.PasswordVerifier)
        {
            var srp = SrpChallenge(new() { [AuthParameterNames.Username] = CognitoUsername, [AuthParameterNames.SrpA] = "0a" });
            lock (_lock)
            {
                _customSessions[srp.Session!] = (history, []);
            }

            return srp;
        }

        var (publicParameters, privateParameters) = pool.Create(history);
        lock (_lock)
        {
            _customSessions[session] = (history, privateParameters);
        }

        return new AuthFlowResponse
        {
            ChallengeName = decision.ChallengeName,
            Session = session,
            ChallengeParameters = new(publicParameters) { [AuthParameterNames.Username] = CognitoUsername },
        };
    }

    /// <summary>An answer within a custom sign-in: the verify trigger (or the SRP check), recorded in <c>session[]</c>, then define again.</summary>
    private AuthFlowResponse RespondCustom(string challengeName, string session, Dictionary<string, string> responses)
    {
        List<ChallengeResult> history;
        Dictionary<string, string> privateParameters;
        lock (_lock)
        {
            (history, privateParameters) = _customSessions[session];
            _customSessions.Remove(session);
            _sessions.Remove(session);
        }

        var pool = CustomAuth!;
        if (challengeName == ChallengeNameType.PasswordVerifier)
        {
            try
            {
                RespondToSecondFactors(challengeName, responses);
                history.Add(new ChallengeResult(challengeName, true));
            }
            catch (CognitoException rejected) when (rejected.ErrorCode == "NotAuthorizedException")
            {
                history.Add(new ChallengeResult(challengeName, false));
            }
        }
        else
        {
            CheckSecretHash(responses, responses.GetValueOrDefault(AuthParameterNames.Username));
            history.Add(new ChallengeResult(challengeName, pool.Verify(responses.GetValueOrDefault(AuthParameterNames.Answer), privateParameters)));
        }

        return NextCustom(pool, history);
    }

    private AuthFlowResponse Respond(string clientId, string challengeName, string? session, Dictionary<string, string>? responses)
    {
        CheckClient(clientId);
        responses ??= [];
        bool custom;
        lock (_lock)
        {
            custom = session is not null && _customSessions.ContainsKey(session);
        }

        if (custom)
        {
            return RespondCustom(challengeName, session!, responses);
        }

        // USER_AUTH's first factors; a scripted Challenge (e.g. EMAIL_OTP as MFA after the password) has its own session.
        if (challengeName is ChallengeNameType.SelectChallenge or ChallengeNameType.EmailOtp or ChallengeNameType.SmsOtp && session != "session-mfa")
        {
            return RespondUserAuth(challengeName, session, responses);
        }

        if (RejectChallengeAnswers)
        {
            throw Error("NotAuthorizedException", "Invalid session for the user, session is expired.");
        }

        if (challengeName is "DEVICE_SRP_AUTH" or "DEVICE_PASSWORD_VERIFIER")
        {
            lock (_lock)
            {
                if (session is null || !_sessions.Remove(session))
                {
                    throw Error("NotAuthorizedException", "Invalid session for the user.");
                }
            }

            CheckSecretHash(responses, responses.GetValueOrDefault(AuthParameterNames.Username));
            return challengeName == "DEVICE_SRP_AUTH" ? StartDeviceProof(responses) : CheckDeviceProof(session, responses);
        }

        if (challengeName is ChallengeNameType.PasswordVerifier or ChallengeNameType.SoftwareTokenMfa)
        {
            lock (_lock)
            {
                if (session is null || !_sessions.Contains(session))
                {
                    throw Error("NotAuthorizedException", "Invalid session for the user.");
                }
            }

            // A wrong or used TOTP code leaves the session open for another answer, as the emulator does.
            var answered = RespondToSecondFactors(challengeName, responses)!;
            lock (_lock)
            {
                _sessions.Remove(session);
            }

            return answered;
        }

        if (Challenge is { } expected && challengeName == expected && session == "session-mfa" && ChallengeAnswer is { } answer)
        {
            CheckSecretHash(responses, responses.GetValueOrDefault(AuthParameterNames.Username));
            if (responses.GetValueOrDefault(answer.Key) != answer.Value)
            {
                throw Error("CodeMismatchException", "Invalid code received for user");
            }

            if (ChallengeRepeats > 0)
            {
                ChallengeRepeats--;
                return new AuthFlowResponse { ChallengeName = expected, Session = "session-mfa", ChallengeParameters = new() { [AuthParameterNames.UserIdForSrp] = CognitoUsername } };
            }

            return SignedIn();
        }

        lock (_lock)
        {
            if (challengeName != ChallengeNameType.NewPasswordRequired || session is null || !_sessions.Remove(session))
            {
                throw Error("NotAuthorizedException", "Invalid session for the user.");
            }
        }

        var username = responses.GetValueOrDefault(AuthParameterNames.Username);
        if (username != Username && username != CognitoUsername)
        {
            throw Error("InvalidParameterException", "Missing required parameter USERNAME");
        }

        CheckSecretHash(responses, username);
        foreach (var required in JsonSerializer.Deserialize<string[]>(RequiredAttributesJson)!)
        {
            if (!responses.ContainsKey(required))
            {
                throw Error("InvalidParameterException", $"Missing required attribute {required}");
            }
        }

        Password = responses.GetValueOrDefault(AuthParameterNames.NewPassword) ?? throw Error("InvalidParameterException", "Missing NEW_PASSWORD");
        MustChangePassword = false;
        return AfterNewPassword();
    }

    public async Task<ConfirmDeviceResponse> ConfirmDeviceAsync(CognitoEndpoint endpoint, ConfirmDeviceRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(ConfirmDeviceAsync), request, cancellationToken);
        CheckAccessToken(request.AccessToken);
        lock (_lock)
        {
            if (!_newDevices.Remove(request.DeviceKey, out var created))
            {
                throw Error("ResourceNotFoundException", "Device does not exist.");
            }

            var config = request.DeviceSecretVerifierConfig;
            if (config?.PasswordVerifier is not { Length: > 0 } verifier || config.Salt is not { Length: > 0 } salt)
            {
                throw Error("InvalidParameterException", "Missing DeviceSecretVerifierConfig.");
            }

            Devices[request.DeviceKey] = new FakeDevice(created.Group, Convert.FromBase64String(salt), Convert.FromBase64String(verifier), Remembered: !DeviceConfirmationNecessary, request.DeviceName);
        }

        return new ConfirmDeviceResponse { UserConfirmationNecessary = DeviceConfirmationNecessary };
    }

    public async Task UpdateDeviceStatusAsync(CognitoEndpoint endpoint, UpdateDeviceStatusRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(UpdateDeviceStatusAsync), request, cancellationToken);
        CheckAccessToken(request.AccessToken);
        lock (_lock)
        {
            if (!Devices.TryGetValue(request.DeviceKey, out var device))
            {
                throw Error("ResourceNotFoundException", "Device does not exist.");
            }

            Devices[request.DeviceKey] = device with { Remembered = request.DeviceRememberedStatus == "remembered" };
        }
    }

    /// <summary>A sign-in's <c>DEVICE_KEY</c>: an unknown device fails the sign-in at once, as Cognito does.</summary>
    private void OfferDevice(string? deviceKey)
    {
        _offeredDevice = TrackDevices ? deviceKey : null;
        _deviceProved = false;
        if (_offeredDevice is not null && !Devices.ContainsKey(_offeredDevice))
        {
            throw Error("ResourceNotFoundException", "Device does not exist.");
        }
    }

    /// <summary><c>DEVICE_SRP_AUTH</c>: the server's half of SRP for the device, B = k·v + g^b, and the device's salt.</summary>
    private AuthFlowResponse StartDeviceProof(Dictionary<string, string> responses)
    {
        var deviceKey = responses.GetValueOrDefault(AuthParameterNames.DeviceKey);
        if (deviceKey is null || deviceKey != _offeredDevice || !Devices.TryGetValue(deviceKey, out var device))
        {
            throw Error("ResourceNotFoundException", "Device does not exist.");
        }

        var n = SrpGroup.N;
        var largeA = SrpInteger.ParseHex(responses.GetValueOrDefault(AuthParameterNames.SrpA), "SRP_A", "DEVICE_SRP_AUTH");
        var b = SrpInteger.FromUnsigned(RandomNumberGenerator.GetBytes(32));
        var largeB = ((SrpGroup.K * SrpInteger.FromUnsigned(device.Verifier)) + System.Numerics.BigInteger.ModPow(SrpGroup.G, b, n)) % n;
        var secretBlock = RandomNumberGenerator.GetBytes(64);
        var session = NewSession();
        lock (_lock)
        {
            _deviceProofs[session] = new DeviceProof(deviceKey, largeA, b, largeB, secretBlock);
        }

        return new AuthFlowResponse
        {
            ChallengeName = "DEVICE_PASSWORD_VERIFIER",
            Session = session,
            ChallengeParameters = new()
            {
                [AuthParameterNames.Username] = CognitoUsername,
                [AuthParameterNames.DeviceKey] = deviceKey,
                ["SALT"] = Convert.ToHexString(device.Salt),
                ["SRP_B"] = Convert.ToHexString(largeB.ToByteArray(isUnsigned: true, isBigEndian: true)),
                ["SECRET_BLOCK"] = Convert.ToBase64String(secretBlock),
            },
        };
    }

    /// <summary>
    /// <c>DEVICE_PASSWORD_VERIFIER</c>: S = (A·v^u)^b, K = HKDF(S, u), and the signature over group key, device key, secret block
    /// and timestamp; a mismatch is refused as Cognito refuses a wrong password.
    /// </summary>
    private AuthFlowResponse CheckDeviceProof(string session, Dictionary<string, string> responses)
    {
        DeviceProof proof;
        lock (_lock)
        {
            if (!_deviceProofs.Remove(session, out proof!))
            {
                throw Error("NotAuthorizedException", "Invalid session for the user.");
            }
        }

        var device = Devices[proof.DeviceKey];
        var n = SrpGroup.N;
        var pad = (System.Numerics.BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);
        var u = SrpInteger.FromUnsigned(SHA256.HashData([.. pad(proof.A), .. pad(proof.B)]));
        var v = SrpInteger.FromUnsigned(device.Verifier);
        var s = System.Numerics.BigInteger.ModPow(proof.A * System.Numerics.BigInteger.ModPow(v, u, n) % n, proof.Secret, n);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, pad(s), 16, pad(u), "Caldera Derived Key"u8.ToArray());
        byte[] message = [.. Encoding.UTF8.GetBytes(device.Group), .. Encoding.UTF8.GetBytes(proof.DeviceKey), .. proof.SecretBlock, .. Encoding.UTF8.GetBytes(responses.GetValueOrDefault("TIMESTAMP") ?? "")];
        if (responses.GetValueOrDefault(AuthParameterNames.DeviceKey) != proof.DeviceKey
            || responses.GetValueOrDefault("PASSWORD_CLAIM_SECRET_BLOCK") != Convert.ToBase64String(proof.SecretBlock)
            || responses.GetValueOrDefault("PASSWORD_CLAIM_SIGNATURE") != Convert.ToBase64String(HMACSHA256.HashData(key, message)))
        {
            throw Error("NotAuthorizedException", "Incorrect username or password.");
        }

        _deviceProved = true;
        return AfterNewPassword();
    }

    /// <summary>A refresh token issued to a device is refreshed by that device only.</summary>
    private void CheckRefreshDevice(string refreshToken, string? deviceKey)
    {
        lock (_lock)
        {
            if (_refreshTokenDevices.TryGetValue(refreshToken, out var bound) && (bound != deviceKey || !Devices.ContainsKey(bound)))
            {
                throw Error("NotAuthorizedException", "Invalid Refresh Token");
            }
        }
    }

    /// <summary>The tokens of a completed sign-in: with device tracking, bound to the proved device or to a new one Cognito offers.</summary>
    private AuthFlowResponse SignedIn()
    {
        var response = Tokens(withRefreshToken: true);
        if (!TrackDevices)
        {
            return response;
        }

        var result = response.AuthenticationResult!;
        string deviceKey;
        NewDeviceMetadataType? offered = null;
        lock (_lock)
        {
            if (_deviceProved)
            {
                deviceKey = _offeredDevice!;
            }
            else
            {
                deviceKey = $"ap-northeast-1_{Guid.NewGuid()}";
                offered = new NewDeviceMetadataType { DeviceKey = deviceKey, DeviceGroupKey = "-FakeGroup1" };
                _newDevices[deviceKey] = (deviceKey, offered.DeviceGroupKey);
            }

            _refreshTokenDevices[result.RefreshToken!] = deviceKey;
            _offeredDevice = null;
            _deviceProved = false;
        }

        return new AuthFlowResponse
        {
            AuthenticationResult = new AuthenticationResultType
            {
                AccessToken = result.AccessToken,
                IdToken = result.IdToken,
                RefreshToken = result.RefreshToken,
                ExpiresIn = result.ExpiresIn,
                TokenType = result.TokenType,
                NewDeviceMetadata = offered,
            },
        };
    }

    private sealed record DeviceProof(string DeviceKey, System.Numerics.BigInteger A, System.Numerics.BigInteger Secret, System.Numerics.BigInteger B, byte[] SecretBlock);

    private AuthFlowResponse Tokens(bool withRefreshToken)
    {
        var serial = Interlocked.Increment(ref _serial);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        string? refreshToken = null;
        if (withRefreshToken)
        {
            refreshToken = $"refresh-{serial}-secret";
            lock (_lock)
            {
                _refreshTokens.Add(refreshToken);
            }
        }

        return new AuthFlowResponse
        {
            AuthenticationResult = new AuthenticationResultType
            {
                AccessToken = TestJwt.Create(OmitTokenTimes
                    ? new() { ["sub"] = CognitoUsername, ["username"] = CognitoUsername, ["token_use"] = "access", ["jti"] = $"access-{serial}" }
                    : new() { ["sub"] = CognitoUsername, ["username"] = CognitoUsername, ["token_use"] = "access", ["jti"] = $"access-{serial}", ["iat"] = now, ["exp"] = now + ExpiresIn }),
                IdToken = OmitIdToken ? null : TestJwt.Create(new() { ["sub"] = CognitoUsername, ["cognito:username"] = CognitoUsername, ["token_use"] = "id", ["jti"] = $"id-{serial}", ["email"] = Username }),
                RefreshToken = refreshToken,
                ExpiresIn = OmitExpiresIn ? 0 : ExpiresIn,
                TokenType = "Bearer",
            },
        };
    }

    private static void CheckClient(string clientId)
    {
        if (clientId != ClientId)
        {
            throw Error("ResourceNotFoundException", "User pool client does not exist.");
        }
    }

    private void CheckSecretHash(Dictionary<string, string> parameters, string? username)
    {
        if (ClientSecret is null)
        {
            return;
        }

        if (parameters.GetValueOrDefault(AuthParameterNames.SecretHash) != Hash(ClientSecret, username ?? ""))
        {
            throw Error("NotAuthorizedException", "Unable to verify secret hash for client.");
        }
    }

    private static CognitoException Error(string code, string message) =>
        new(code, message, HttpStatusCode.BadRequest, "00000000-request", CognitoErrorCodes.IsRetryable(code));
}

/// <summary>A device Cognito knows: its group, the salt and verifier it was confirmed with, whether it is remembered.</summary>
internal sealed record FakeDevice(string Group, byte[] Salt, byte[] Verifier, bool Remembered, string? Name);
