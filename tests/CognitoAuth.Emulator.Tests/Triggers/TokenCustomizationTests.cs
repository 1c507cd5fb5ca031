using System.Buffers.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>A pre token generation answer, applied by the token issuer to the tokens it signs.</summary>
public sealed class TokenCustomizationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly SigningKey _key = SigningKey.Generate();
    private readonly TokenIssuer _issuer;
    private readonly SignInEvent _signIn = new("alice", "7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5", "client", Now, "origin", "event");

    public TokenCustomizationTests() => _issuer = new TokenIssuer(_key, "https://issuer", "ap-northeast-1_AbCdEfGhI");

    [Fact]
    public void AccessToken_V2Answer_AddsTheScopeAndClaimAndKeepsProtectedClaims()
    {
        var customization = Read(PreTokenGenerationTrigger.V2, """
            {"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{
               "claimsToAddOrOverride":{"tenant":"acme","sub":"mallory","exp":9999999999},"claimsToSuppress":["event_id","jti"],
               "scopesToAdd":["cognito-auth-api/hello.read"]}}}
            """);

        var claims = Claims(_issuer.CreateAccessToken(_signIn, [], Now, TimeSpan.FromHours(1), customization));

        Assert.Equal("aws.cognito.signin.user.admin cognito-auth-api/hello.read", claims["scope"]!.GetValue<string>());
        Assert.Equal("acme", claims["tenant"]!.GetValue<string>());
        Assert.Equal(_signIn.Sub, claims["sub"]!.GetValue<string>());
        Assert.Equal((Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds(), claims["exp"]!.GetValue<long>());
        Assert.False(claims.ContainsKey("event_id"));
        Assert.True(claims.ContainsKey("jti"));
        Assert.Equal("tenant", claims.Last().Key);
    }

    [Fact]
    public void AccessToken_SuppressingEveryScope_RemovesTheScopeClaim()
    {
        var customization = Read(PreTokenGenerationTrigger.V3, """
            {"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"scopesToSuppress":["aws.cognito.signin.user.admin"]}}}
            """);

        var claims = Claims(_issuer.CreateAccessToken(_signIn, [], Now, TimeSpan.FromHours(1), customization));

        Assert.False(claims.ContainsKey("scope"));
    }

    [Fact]
    public void BothTokens_GroupOverride_ReplacesCognitoGroupsWhereItWas()
    {
        var customization = Read(PreTokenGenerationTrigger.V2, """{"claimsAndScopeOverrideDetails":{"groupOverrideDetails":{"groupsToOverride":["readers"]}}}""");

        var access = Claims(_issuer.CreateAccessToken(_signIn, ["admins"], Now, TimeSpan.FromHours(1), customization));
        var id = Claims(_issuer.CreateIdToken(_signIn, [new("email", "alice@example.com")], [], Now, TimeSpan.FromHours(1), customization: customization));

        Assert.Equal(["readers"], access["cognito:groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("cognito:groups", access.ElementAt(1).Key);
        Assert.Equal(["readers"], id["cognito:groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("cognito:groups", id.ElementAt(1).Key);
    }

    [Fact]
    public void V1Answer_ChangesTheIdTokenAndLeavesTheAccessTokenAlone()
    {
        var customization = Read(PreTokenGenerationTrigger.V1, """
            {"claimsOverrideDetails":{"claimsToAddOrOverride":{"tenant":"acme"},"claimsToSuppress":["email"],"groupOverrideDetails":{"groupsToOverride":[]}}}
            """);

        var access = Claims(_issuer.CreateAccessToken(_signIn, ["admins"], Now, TimeSpan.FromHours(1), customization));
        var id = Claims(_issuer.CreateIdToken(_signIn, [new("email", "alice@example.com")], ["admins"], Now, TimeSpan.FromHours(1), customization: customization));

        Assert.Equal("acme", id["tenant"]!.GetValue<string>());
        Assert.False(id.ContainsKey("email"));
        Assert.False(id.ContainsKey("cognito:groups"));
        Assert.False(access.ContainsKey("tenant"));
        Assert.True(access.ContainsKey("cognito:groups"));
    }

    [Fact]
    public void ClaimBothAddedAndSuppressed_IsSuppressed()
    {
        var customization = Read(PreTokenGenerationTrigger.V2, """
            {"claimsAndScopeOverrideDetails":{"idTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"},"claimsToSuppress":["tenant"]}}}
            """);

        var id = Claims(_issuer.CreateIdToken(_signIn, [], [], Now, TimeSpan.FromHours(1), customization: customization));

        Assert.False(id.ContainsKey("tenant"));
    }

    [Fact]
    public void ClientCredentialsToken_V3Answer_AddsClaims()
    {
        var customization = Read(PreTokenGenerationTrigger.V3, """
            {"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"claimsToAddOrOverride":{"partner":"acme"}}}}
            """);

        var claims = Claims(_issuer.CreateClientCredentialsToken("machine", ["cognito-auth-api/hello.read"], Now, TimeSpan.FromHours(1), customization));

        Assert.Equal("acme", claims["partner"]!.GetValue<string>());
        Assert.Equal("machine", claims["sub"]!.GetValue<string>());
    }

    [Fact]
    public void NoCustomization_TokenIsAsBefore()
    {
        var plain = Claims(_issuer.CreateAccessToken(_signIn, [], Now, TimeSpan.FromHours(1)));
        var none = Claims(_issuer.CreateAccessToken(_signIn, [], Now, TimeSpan.FromHours(1), TokenCustomization.None));

        plain.Remove("jti");
        none.Remove("jti");
        Assert.True(JsonNode.DeepEquals(plain, none));
        Assert.Equal(["sub", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp", "iat", "username"], plain.Select(c => c.Key));
    }

    public void Dispose() => _key.Dispose();

    private static TokenCustomization Read(string version, string response)
    {
        var evt = PreTokenGenerationTrigger.Event(version, PreTokenGenerationTrigger.Authentication, TriggerEventTests.Context, "alice",
            TriggerEventTests.Attributes, [], [], null, [], null);
        evt["response"] = JsonNode.Parse(response);
        return PreTokenGenerationTrigger.Read(version, evt);
    }

    private static JsonObject Claims(string token) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();
}
