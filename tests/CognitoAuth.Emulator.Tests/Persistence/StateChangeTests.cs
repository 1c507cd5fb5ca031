using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Tests.Persistence;

/// <summary>
/// Which sign-in steps mark the state changed (the data directory rewrites and flushes its file exactly then): a step
/// that only starts or fails a challenge, or a refresh without rotation, changes nothing kept; a new password or a refresh
/// token issued or rotated does.
/// </summary>
public sealed class StateChangeTests
{
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Fact]
    public async Task SignIn_ChallengesFailuresAndRefreshWithoutRotationChangeNothing_NewPasswordsAndNewRefreshTokensDo()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var start = emulator.StateVersion;

        var challenge = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword);
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Get("ChallengeName"));
        (await client.AdminInitiateAuthAsync(Seed.Username, "Wrong-passw0rd")).AssertError("NotAuthorizedException");
        Assert.Equal(start, emulator.StateVersion);

        var tokens = TokenSet.From(await client.RespondNewPasswordAsync(challenge.Get("Session"), Seed.Username, Seed.NewPassword));
        var signedIn = emulator.StateVersion;
        Assert.True(signedIn > start, "a new password and a refresh token are kept");

        (await client.RefreshAsync(tokens.RefreshToken!)).AssertOk();
        var refreshed = await client.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = tokens.RefreshToken, ClientId = emulator.ClientId });
        refreshed.AssertOk();
        Assert.False(refreshed.Json.GetProperty("AuthenticationResult").TryGetProperty("RefreshToken", out _));
        var srp = new TestSrpClient(emulator.UserPoolId);
        (await client.SrpInitiateAsync(srp, Seed.Username)).AssertOk();
        Assert.Equal(signedIn, emulator.StateVersion);

        TokenSet.From(await client.SrpSignInAsync(Seed.Username, Seed.NewPassword));
        Assert.True(emulator.StateVersion > signedIn, "a sign-in's refresh token is kept");
    }

    [Fact]
    public async Task Refresh_WithRotation_ChangesTheState()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { RefreshTokenRotation = true });
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        var signedIn = emulator.StateVersion;

        var rotated = await client.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = tokens.RefreshToken, ClientId = emulator.ClientId });

        rotated.AssertOk();
        Assert.NotEqual(tokens.RefreshToken, rotated.Get("AuthenticationResult", "RefreshToken"));
        Assert.True(emulator.StateVersion > signedIn, "the rotated-out token and its successor are kept");
    }
}
