using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The client's second-round flows against the emulator, each side written apart: SRP (the emulator verifies the proof with
/// its own SRP-6a server), TOTP MFA (enrolled through the client, answered at the next sign-in), and refresh-token rotation
/// (learned from the emulator's refusal of REFRESH_TOKEN_AUTH).
/// </summary>
public sealed class SecondRoundFlowsTests
{
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task UserSrp_SeedUserWithTemporaryPassword_VerifierThenNewPasswordThenHello()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => o.AuthFlow = CognitoAuthFlow.UserSrp);

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(Hello));

        Assert.Equal(1, emulator.CognitoRequests["InitiateAuth"]);
        Assert.Equal(2, emulator.CognitoRequests["RespondToAuthChallenge"]); // PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED
        Assert.Equal(0, emulator.CognitoRequests["AdminInitiateAuth"]);
    }

    [Fact]
    public async Task UserSrp_WrongPassword_TheEmulatorRefusesTheProof()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            o.AuthFlow = CognitoAuthFlow.UserSrp;
            o.Password = "Wrong-Pass-123!";
            o.NewPassword = null;
        });

        var error = await Assert.ThrowsAsync<CognitoException>(() => client.Http.GetStringAsync(Hello));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, error.ErrorCode);
        client.AssertNoSecretIn(error);
    }

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword)]
    [InlineData(CognitoAuthFlow.UserSrp)]
    public async Task Totp_EnrolledThroughTheClient_TheNextSignInAnswersTheEmulatorsChallenge(CognitoAuthFlow flow)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = clock, SignatureTimeProvider = clock });
        string? secret = null;
        await using var client = await ClientHost.StartAsync(emulator, o => o.AuthFlow = flow, clock);
        var enrolled = await client.Services.GetRequiredService<ICognitoTotpEnrolment>().EnrolAsync(CognitoApiClientOptions.DefaultName, "integration");
        secret = enrolled.Secret;
        await using var mfa = await ClientHost.StartAsync(emulator, o =>
        {
            o.AuthFlow = flow;
            o.Password = o.NewPassword; // set by the first client's sign-in
            o.NewPassword = null;
            o.TotpSecret = secret;
        }, clock);

        clock.Advance(TimeSpan.FromSeconds(30)); // the enrolment spent this step's code
        Assert.Equal("Hello from a protected API!", await mfa.Http.GetStringAsync(Hello));

        Assert.NotEmpty(secret);
        Assert.Equal(1, emulator.CognitoRequests["VerifySoftwareToken"]);
    }

    [Fact]
    public async Task Rotation_FiveExpiries_LearnsGetTokensFromRefreshTokenOnceAndNeverSignsInAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            RefreshTokenRotation = true,
            TimeProvider = clock,
            SignatureTimeProvider = clock,
        });
        await using var client = await ClientHost.StartAsync(emulator, clock: clock);
        var tokens = await client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        var refreshTokens = new HashSet<string?> { tokens.RefreshToken };

        for (var expiry = 0; expiry < 5; expiry++)
        {
            clock.SetUtcNow(tokens.ExpiresAt - TimeSpan.FromSeconds(30));
            Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(Hello));
            tokens = await client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
            refreshTokens.Add(tokens.RefreshToken);
        }

        Assert.Equal(6, refreshTokens.Count); // a new refresh token at every renewal
        Assert.Equal(5, emulator.CognitoRequests["GetTokensFromRefreshToken"]);
        Assert.Equal(2, emulator.CognitoRequests["AdminInitiateAuth"]); // the sign-in, and the one refused REFRESH_TOKEN_AUTH
        Assert.Equal(1, emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
    }
}
