using System.Net;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoAuth.Emulator.Tests.Tokens;

public sealed class TokenTests
{
    [Fact]
    public async Task AccessToken_CarriesCognitosAccessClaimSetAndNoAudience()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var header = TokenForge.Header(tokens.AccessToken);
        var claims = TokenForge.Payload(tokens.AccessToken);

        Assert.Equal(["kid", "alg"], header.Select(p => p.Key));
        Assert.Equal("RS256", header.Text("alg"));
        Assert.Equal(
            ["sub", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username"],
            claims.Select(p => p.Key));
        var username = claims.Text("username");
        Assert.True(Guid.TryParse(username, out _));
        Assert.Equal(username, claims.Text("sub"));
        Assert.Equal(emulator.Issuer, claims.Text("iss"));
        Assert.Equal($"{emulator.CognitoEndpoint.AbsoluteUri.TrimEnd('/')}/{emulator.UserPoolId}", claims.Text("iss"));
        Assert.Equal(emulator.ClientId, claims.Text("client_id"));
        Assert.Equal("access", claims.Text("token_use"));
        Assert.Equal("aws.cognito.signin.user.admin", claims.Text("scope"));
        Assert.Equal(3600, claims.Seconds("exp") - claims.Seconds("iat"));
        Assert.InRange(claims.Seconds("auth_time"), claims.Seconds("iat") - 5, claims.Seconds("iat"));
    }

    [Fact]
    public async Task IdToken_CarriesCognitosIdClaimSet()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var claims = TokenForge.Payload(tokens.IdToken);
        var access = TokenForge.Payload(tokens.AccessToken);

        Assert.Equal(
            ["sub", "email_verified", "iss", "cognito:username", "origin_jti", "aud", "event_id", "token_use", "auth_time", "exp", "iat", "jti", "email"],
            claims.Select(p => p.Key));
        Assert.Equal(access.Text("sub"), claims.Text("cognito:username"));
        Assert.Equal(emulator.ClientId, claims.Text("aud"));
        Assert.Equal("id", claims.Text("token_use"));
        Assert.Equal("testuser@example.com", claims.Text("email"));
        Assert.True(claims["email_verified"]!.GetValue<bool>());
        Assert.Equal(access.Text("origin_jti"), claims.Text("origin_jti"));
        Assert.Equal(access.Text("event_id"), claims.Text("event_id"));
        Assert.NotEqual(access.Text("jti"), claims.Text("jti"));
    }

    [Fact]
    public async Task Tokens_ValidateWithJsonWebTokenHandlerAgainstTheServedJwks()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync($"{emulator.Issuer}/.well-known/jwks.json"));
        var handler = new JsonWebTokenHandler();

        var id = await handler.ValidateTokenAsync(tokens.IdToken, new TokenValidationParameters
        {
            ValidIssuer = emulator.Issuer,
            ValidAudience = emulator.ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
        });
        var access = await handler.ValidateTokenAsync(tokens.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = emulator.Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        var tampered = await handler.ValidateTokenAsync(TokenForge.WithPayload(tokens.AccessToken, TokenForge.Payload(tokens.AccessToken).With("username", "x")), new TokenValidationParameters
        {
            ValidIssuer = emulator.Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });

        Assert.True(id.IsValid, id.Exception?.Message);
        Assert.True(access.IsValid, access.Exception?.Message);
        Assert.False(tampered.IsValid);
    }

    [Fact]
    public async Task Jwks_ListsTheSigningKeyAsCognitoDoes()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{emulator.Issuer}/.well-known/jwks.json");
        var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
        Assert.Equal(TokenForge.Header(tokens.AccessToken).Text("kid"), key.GetProperty("kid").GetString());
        Assert.Equal(TokenForge.Header(tokens.IdToken).Text("kid"), key.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task OpenIdConfiguration_NamesTheIssuerAndItsJwks()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();

        var discovery = JsonDocument.Parse(await http.GetStringAsync($"{emulator.Issuer}/.well-known/openid-configuration")).RootElement;
        using var jwks = await http.GetAsync(discovery.GetProperty("jwks_uri").GetString());

        Assert.Equal(emulator.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Equal(["RS256"], discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("public", discovery.GetProperty("subject_types_supported").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task WellKnown_OfAnotherPool_NotFound()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(emulator.CognitoEndpoint, "ap-northeast-1_Other0000/.well-known/jwks.json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TokenLifetimes_AreConfigurable()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            AccessTokenLifetime = TimeSpan.FromSeconds(5),
            IdTokenLifetime = TimeSpan.FromSeconds(7),
        });
        using var client = new CognitoTestClient(emulator);
        var challenge = await client.AdminInitiateAuthAsync("testuser@example.com", "TempPass123!");

        var response = await client.RespondNewPasswordAsync(challenge.Get("Session"), "testuser@example.com", "NewSecurePass123!");
        var tokens = TokenSet.From(response);

        Assert.Equal(5, response.Json.GetProperty("AuthenticationResult").GetProperty("ExpiresIn").GetInt32());
        var access = TokenForge.Payload(tokens.AccessToken);
        var id = TokenForge.Payload(tokens.IdToken);
        Assert.Equal(5, access.Seconds("exp") - access.Seconds("iat"));
        Assert.Equal(7, id.Seconds("exp") - id.Seconds("iat"));
    }

    [Fact]
    public async Task SigningKeyFile_SignsTokensWithThatKeyAndAStableKid()
    {
        using var key = new TestSigningKey();
        string firstKid;
        await using (var first = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SigningKeyPath = key.Path }))
        {
            using var client = new CognitoTestClient(first);
            var tokens = await client.SignInSeedUserAsync();
            firstKid = TokenForge.Header(tokens.AccessToken).Text("kid");
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.AccessToken, new TokenValidationParameters
            {
                ValidIssuer = first.Issuer,
                ValidateAudience = false,
                IssuerSigningKey = new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = firstKid },
            });
            Assert.True(result.IsValid, result.Exception?.Message);
        }

        await using var second = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SigningKeyPath = key.Path });
        using var http = new HttpClient();
        var jwks = JsonDocument.Parse(await http.GetStringAsync($"{second.Issuer}/.well-known/jwks.json")).RootElement;
        Assert.Equal(firstKid, jwks.GetProperty("keys")[0].GetProperty("kid").GetString());
    }

    [Fact]
    public async Task SigningKeyFile_NotAKey_FailsTheStartWithAClearMessage()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "not a pem");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SigningKeyPath = path }));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
