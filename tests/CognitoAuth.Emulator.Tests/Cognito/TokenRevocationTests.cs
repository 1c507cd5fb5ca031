using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

public sealed class TokenRevocationTests
{
    [Fact]
    public async Task RevokeToken_RefreshToken_ThatTokenStopsWorkingAndOthersDoNot()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var first = await client.SignInSeedUserAsync();
        var second = TokenSet.From(await client.AdminInitiateAuthAsync("testuser@example.com", "NewSecurePass123!"));

        var revoke = await client.CallAsync("RevokeToken", new { Token = first.RefreshToken, ClientId = emulator.ClientId });

        revoke.AssertOk();
        Assert.Equal("{}", revoke.Text);
        (await client.RefreshAsync(first.RefreshToken!)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        (await client.RefreshAsync(second.RefreshToken!)).AssertOk();
    }

    [Fact]
    public async Task RevokeToken_AccessToken_UnsupportedTokenType()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var response = await client.CallAsync("RevokeToken", new { Token = tokens.AccessToken, ClientId = emulator.ClientId });

        response.AssertError("UnsupportedTokenTypeException");
    }

    [Fact]
    public async Task RevokeToken_ClientWithoutTokenRevocation_UnsupportedOperation()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "no-revocation", EnableTokenRevocation = false });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("RevokeToken", new { Token = "opaque", ClientId = emulator.AdditionalClients[0].ClientId });

        response.AssertError("UnsupportedOperationException");
    }

    [Fact]
    public async Task RevokeToken_ClientWithSecret_RequiresTheSecret()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "confidential", GenerateSecret = true });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var confidential = emulator.AdditionalClients[0];

        var without = await client.CallAsync("RevokeToken", new { Token = "opaque", ClientId = confidential.ClientId });
        var with = await client.CallAsync("RevokeToken", new { Token = "opaque", ClientId = confidential.ClientId, ClientSecret = confidential.ClientSecret });

        without.AssertError("UnauthorizedException");
        with.AssertOk();
    }

    [Fact]
    public async Task GlobalSignOut_AccessToken_RevokesEveryRefreshTokenOfTheUser()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var first = await client.SignInSeedUserAsync();
        var second = TokenSet.From(await client.AdminInitiateAuthAsync("testuser@example.com", "NewSecurePass123!"));

        var signOut = await client.CallAsync("GlobalSignOut", new { AccessToken = second.AccessToken });

        signOut.AssertOk();
        (await client.RefreshAsync(first.RefreshToken!)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        (await client.RefreshAsync(second.RefreshToken!)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        (await client.CallAsync("GlobalSignOut", new { AccessToken = first.AccessToken })).AssertError("NotAuthorizedException", "Access Token has been revoked");
        var third = TokenSet.From(await client.AdminInitiateAuthAsync("testuser@example.com", "NewSecurePass123!"));
        (await client.RefreshAsync(third.RefreshToken!)).AssertOk();
    }

    [Fact]
    public async Task GlobalSignOut_NotAnAccessToken_InvalidAccessToken()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        var tampered = TokenForge.WithPayload(tokens.AccessToken, TokenForge.Payload(tokens.AccessToken).With("username", JsonValue.Create("someone-else")));

        foreach (var token in new[] { tokens.IdToken, tampered, "not-a-jwt" })
        {
            (await client.CallAsync("GlobalSignOut", new { AccessToken = token })).AssertError("NotAuthorizedException", "Invalid Access Token");
        }
    }

    [Fact]
    public async Task GlobalSignOut_ExpiredAccessToken_AccessTokenHasExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        time.Advance(TimeSpan.FromHours(1));
        var response = await client.CallAsync("GlobalSignOut", new { AccessToken = tokens.AccessToken });

        response.AssertError("NotAuthorizedException", "Access Token has expired");
    }
}
