using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// <c>USER_SRP_AUTH</c> over the wire: the <c>PASSWORD_VERIFIER</c> challenge, its answer checked against the user's password
/// verifier, what follows (NEW_PASSWORD_REQUIRED, tokens), Cognito's refusals, and every other flow checking passwords
/// against the same verifiers.
/// </summary>
public sealed class SrpAuthenticationTests
{
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UserSrpAuth_SeedUser_PasswordVerifierThenNewPasswordRequiredThenTokens(bool admin)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var srp = new TestSrpClient(emulator.UserPoolId);

        var challenge = await client.SrpInitiateAsync(srp, Seed.Username, admin: admin);

        challenge.AssertOk();
        Assert.Equal("PASSWORD_VERIFIER", challenge.Get("ChallengeName"));
        var parameters = CognitoTestClient.Parameters(challenge);
        Assert.Equal(["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"], parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Matches("^[0-9a-f]{32}$", parameters["SALT"]);
        Assert.Matches("^[0-9a-f]+$", parameters["SRP_B"]);
        Assert.Equal(1024, Convert.FromBase64String(parameters["SECRET_BLOCK"]).Length);
        Assert.True(Guid.TryParse(parameters["USER_ID_FOR_SRP"], out _), "USER_ID_FOR_SRP is the real (UUID) username");
        Assert.Equal(parameters["USER_ID_FOR_SRP"], parameters["USERNAME"]);

        var answer = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(parameters, Seed.TemporaryPassword, DateTimeOffset.UtcNow), admin: admin);
        answer.AssertOk();
        Assert.Equal("NEW_PASSWORD_REQUIRED", answer.Get("ChallengeName"));
        var tokens = await client.RespondNewPasswordAsync(answer.Get("Session"), parameters["USER_ID_FOR_SRP"], Seed.NewPassword, admin: admin);
        tokens.AssertOk();
        Assert.Equal(parameters["USER_ID_FOR_SRP"], TokenForge.Payload(TokenSet.From(tokens).AccessToken)["username"]!.GetValue<string>());

        var again = await client.SrpSignInAsync(Seed.Username, Seed.NewPassword, admin: admin);
        again.AssertOk();
        Assert.NotNull(TokenSet.From(again).RefreshToken);
    }

    [Fact]
    public async Task PasswordFlows_AfterAnSrpPasswordChange_CheckTheSameVerifier()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        (await client.CallAsync("ChangePassword", new { AccessToken = tokens.AccessToken, PreviousPassword = Seed.NewPassword, ProposedPassword = "Changed-Pass123!" })).AssertOk();

        (await client.AdminInitiateAuthAsync(Seed.Username, "Changed-Pass123!")).AssertOk();
        (await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword)).AssertError("NotAuthorizedException", "Incorrect username or password.");
        (await client.SrpSignInAsync(Seed.Username, "Changed-Pass123!")).AssertOk();
        (await client.SrpSignInAsync(Seed.Username, Seed.NewPassword)).AssertError("NotAuthorizedException", "Incorrect username or password.");
        (await client.CallAsync("ChangePassword", new { AccessToken = tokens.AccessToken, PreviousPassword = "wrong-one-1A!", ProposedPassword = "Other-Pass123!" }))
            .AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task PasswordVerifier_AnsweredWithoutSession_AsPycognitoDoes_TheSecretBlockFindsTheChallenge_Once()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.CreateUser("pyco@example.com", "Perm-Pass123!", permanent: true);
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await client.SrpInitiateAsync(srp, "pyco@example.com");
        var answer = srp.Answer(CognitoTestClient.Parameters(challenge), "Perm-Pass123!", DateTimeOffset.UtcNow);
        var sessionless = new { ClientId = emulator.ClientId, ChallengeName = "PASSWORD_VERIFIER", ChallengeResponses = answer };

        var tokens = await client.CallAsync("RespondToAuthChallenge", sessionless);
        var replay = await client.CallAsync("RespondToAuthChallenge", sessionless);
        var otherBlock = await client.CallAsync("RespondToAuthChallenge", new
        {
            ClientId = emulator.ClientId,
            ChallengeName = "PASSWORD_VERIFIER",
            ChallengeResponses = new Dictionary<string, string>(answer) { ["PASSWORD_CLAIM_SECRET_BLOCK"] = Convert.ToBase64String(new byte[64]) },
        });

        tokens.AssertOk();
        Assert.False(string.IsNullOrEmpty(tokens.Get("AuthenticationResult", "AccessToken")));
        replay.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
        otherBlock.AssertError("NotAuthorizedException", "Invalid session for the user.");
    }

    [Fact]
    public async Task PasswordVerifier_WrongPassword_IncorrectUsernameOrPasswordAndTheSessionIsSpent()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await client.SrpInitiateAsync(srp, Seed.Username);
        var parameters = CognitoTestClient.Parameters(challenge);

        var wrong = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(parameters, "Not-The-Pass1!", DateTimeOffset.UtcNow));
        var right = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(parameters, Seed.TemporaryPassword, DateTimeOffset.UtcNow));

        wrong.AssertError("NotAuthorizedException", "Incorrect username or password.");
        right.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Theory]
    [InlineData("2026-02-03T07:05:09Z")]
    [InlineData("Tue, 03 Feb 2026 07:05:09 GMT")]
    [InlineData("Tue Feb 3 07:05:09 CET 2026")]
    [InlineData("")]
    public async Task PasswordVerifier_MalformedTimestamp_InvalidParameterAndTheSessionStaysOpen(string timestamp)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await client.SrpInitiateAsync(srp, Seed.Username);
        var parameters = CognitoTestClient.Parameters(challenge);
        var answer = srp.Answer(parameters, Seed.TemporaryPassword, DateTimeOffset.UtcNow);
        var malformed = new Dictionary<string, string>(answer) { ["TIMESTAMP"] = timestamp };

        var refused = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), malformed);
        var accepted = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), answer);

        refused.AssertError("InvalidParameterException", "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
        accepted.AssertOk();
        Assert.Equal("NEW_PASSWORD_REQUIRED", accepted.Get("ChallengeName"));
    }

    [Fact]
    public async Task PasswordVerifier_TimestampMoreThanFiveMinutesOff_IncorrectUsernameOrPassword()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await client.SrpInitiateAsync(srp, Seed.Username);

        var stale = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"),
            srp.Answer(CognitoTestClient.Parameters(challenge), Seed.TemporaryPassword, DateTimeOffset.UtcNow.AddMinutes(-6)));

        stale.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Theory]
    [InlineData("0", "SRP_A cannot be zero modulo N.")]
    [InlineData("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", "SRP_A cannot be zero modulo N.")]
    [InlineData("not-hex", "SRP_A is not a hexadecimal SRP value.")]
    public async Task UserSrpAuth_ZeroOrMalformedSrpA_InvalidParameter(string srpA, string message)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Seed.Username, ["SRP_A"] = srpA } });
        var missing = await client.CallAsync("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Seed.Username } });

        response.AssertError("InvalidParameterException", message);
        missing.AssertError("InvalidParameterException", "Missing required parameter SRP_A");
    }

    [Fact]
    public async Task UserSrpAuth_UnknownUserWithPreventUserExistenceErrors_AChallengeWithAStableSaltThatNoAnswerPasses()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "legacy-errors", PreventUserExistenceErrors = false });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var srp = new TestSrpClient(emulator.UserPoolId);

        var first = await client.SrpInitiateAsync(srp, "nobody@example.com");
        var second = await client.SrpInitiateAsync(new TestSrpClient(emulator.UserPoolId), "nobody@example.com");
        var answer = await client.RespondAsync("PASSWORD_VERIFIER", first.Get("Session"), srp.Answer(CognitoTestClient.Parameters(first), "Any-Pass123!", DateTimeOffset.UtcNow));
        var legacy = await client.SrpInitiateAsync(srp, "nobody@example.com", emulator.AdditionalClients[0].ClientId);

        first.AssertOk();
        Assert.Equal("PASSWORD_VERIFIER", first.Get("ChallengeName"));
        Assert.Equal(first.Get("ChallengeParameters", "SALT"), second.Get("ChallengeParameters", "SALT"));
        answer.AssertError("NotAuthorizedException", "Incorrect username or password.");
        legacy.AssertError("UserNotFoundException", "User does not exist.");
    }

    [Fact]
    public async Task UserSrpAuth_ClientWithSecret_SecretHashOverTheTypedNameThenOverUserIdForSrp()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "confidential", GenerateSecret = true });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var confidential = emulator.AdditionalClients[0];
        var username = emulator.CreateUser("srp-secret@example.com", "SrpSecret123!", permanent: true);
        var srp = new TestSrpClient(emulator.UserPoolId);

        var without = await client.SrpInitiateAsync(srp, "srp-secret@example.com", confidential.ClientId);
        var challenge = await client.SrpInitiateAsync(srp, "srp-secret@example.com", confidential.ClientId, secretHash: TestSecretHash.Of(confidential, "srp-secret@example.com"));
        var answer = srp.Answer(CognitoTestClient.Parameters(challenge), "SrpSecret123!", DateTimeOffset.UtcNow);
        var unsigned = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), answer, confidential.ClientId);
        var signed = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"),
            new Dictionary<string, string>(answer) { ["SECRET_HASH"] = TestSecretHash.Of(confidential, username) }, confidential.ClientId);

        without.AssertError("NotAuthorizedException", $"Client {confidential.ClientId} is configured with secret but SECRET_HASH was not received");
        unsigned.AssertError("NotAuthorizedException", $"Client {confidential.ClientId} is configured with secret but SECRET_HASH was not received");
        signed.AssertOk();
        Assert.NotNull(TokenSet.From(signed).AccessToken);
    }

    [Fact]
    public async Task PasswordVerifier_AfterThreeMinutes_SessionExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await client.SrpInitiateAsync(srp, Seed.Username);
        time.Advance(TimeSpan.FromMinutes(3));

        var late = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(CognitoTestClient.Parameters(challenge), Seed.TemporaryPassword, time.GetUtcNow()));

        late.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task PasswordVerifier_PasswordSetSinceTheChallenge_TheOldPasswordsProofFails()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.CreateUser("racer@example.com", "First-Pass123!", permanent: true);
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await client.SrpInitiateAsync(srp, "racer@example.com");
        (await client.CallAsync("AdminSetUserPassword", new { UserPoolId = emulator.UserPoolId, Username = "racer@example.com", Password = "Second-Pass123!", Permanent = true })).AssertOk();

        var answer = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(CognitoTestClient.Parameters(challenge), "First-Pass123!", DateTimeOffset.UtcNow));

        answer.AssertError("NotAuthorizedException", "Incorrect username or password.");
        (await client.SrpSignInAsync("racer@example.com", "Second-Pass123!")).AssertOk();
    }

    [Fact]
    public async Task PasswordVerifier_DisabledUser_UserIsDisabled()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.CreateUser("off@example.com", "Off-Pass1234!", permanent: true);
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await client.SrpInitiateAsync(srp, "off@example.com");
        emulator.DisableUser("off@example.com");

        var answer = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(CognitoTestClient.Parameters(challenge), "Off-Pass1234!", DateTimeOffset.UtcNow));

        answer.AssertError("NotAuthorizedException", "User is disabled.");
    }

    [Fact]
    public async Task UserSrpAuth_PoolWithPlainUsernames_SignedUpUserSignsInWithSrpAfterAPasswordReset()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        (await client.CallAsync("UpdateUserPoolClient", new
        {
            UserPoolId = pool.PoolId,
            ClientId = pool.ClientId,
            ExplicitAuthFlows = new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        })).AssertOk();
        await pool.SignUpConfirmedAsync("dana", "dana@example.com");
        (await client.CallAsync("ForgotPassword", new { pool.ClientId, Username = "dana" })).AssertOk();
        (await client.CallAsync("ConfirmForgotPassword", new { pool.ClientId, Username = "dana", ConfirmationCode = emulator.Inbox.LatestTo("dana@example.com")!.Code, Password = "Reset-passw0rd!" })).AssertOk();
        var srp = new TestSrpClient(pool.PoolId);

        var challenge = await client.CallAsync("InitiateAuth", new { pool.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "dana", ["SRP_A"] = srp.SrpA } });
        var answer = await client.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(CognitoTestClient.Parameters(challenge), "Reset-passw0rd!", DateTimeOffset.UtcNow), pool.ClientId);

        Assert.Equal("dana", challenge.Get("ChallengeParameters", "USER_ID_FOR_SRP"));
        answer.AssertOk();
        Assert.Equal("dana", TokenForge.Payload(TokenSet.From(answer).AccessToken)["username"]!.GetValue<string>());
        (await pool.SignInAsync("dana", "Reset-passw0rd!")).AssertOk();
    }
}
