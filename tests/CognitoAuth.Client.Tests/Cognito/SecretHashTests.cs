using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;

namespace CognitoAuth.Client.Tests.Cognito;

public sealed class SecretHashTests
{
    private const string Secret = "k1c2s3e4c5r6e7t";
    private const string Alias = "alice@example.com";
    private const string RealUsername = "0c4e2a7e-1f3b-4a5d-9e8f-7a6b5c4d3e2f";

    [Fact]
    public void Compute_KnownVector_MatchesAnIndependentHmacSha256()
    {
        // Computed outside .NET: base64(hmac_sha256(key=secret, msg=username + client id)) with Python's hmac module.
        const string expected = "gvrEuTsjuZZnOLtYDHg0VRUgYXLFB28tmdv4Il8mbjM=";
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var independent = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes("testuser@example.com" + FakeCognito.ClientId)));

        var hash = SecretHash.Compute(Secret, "testuser@example.com", FakeCognito.ClientId);

        Assert.Equal(expected, independent);
        Assert.Equal(expected, hash);
    }

    [Fact]
    public async Task SignIn_WithClientSecret_SendsTheHashOfTheConfiguredUsername()
    {
        using var harness = new ClientHarness(o => { o.ClientSecret = Secret; o.NewPassword = ClientHarness.NewPassword; });
        harness.Cognito.ClientSecret = Secret;
        harness.Cognito.MustChangePassword = true;

        await harness.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);

        var initiate = Assert.Single(harness.Cognito.Requests<AdminInitiateAuthRequest>());
        Assert.Equal("gvrEuTsjuZZnOLtYDHg0VRUgYXLFB28tmdv4Il8mbjM=", initiate.AuthParameters!["SECRET_HASH"]);
        var respond = Assert.Single(harness.Cognito.Requests<AdminRespondToAuthChallengeRequest>());
        Assert.Equal(FakeCognito.Hash(Secret, respond.ChallengeResponses!["USERNAME"]), respond.ChallengeResponses["SECRET_HASH"]);
    }

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword)]
    [InlineData(CognitoAuthFlow.UserPassword)]
    public async Task Refresh_EmailAliasUserWithClientSecret_HashesCognitosRealUsername(CognitoAuthFlow flow)
    {
        using var harness = new ClientHarness(o => { o.AuthFlow = flow; o.ClientSecret = Secret; o.Username = Alias; });
        harness.Cognito.ClientSecret = Secret;
        harness.Cognito.Username = Alias;
        harness.Cognito.CognitoUsername = RealUsername;
        var first = await harness.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        harness.Time.Advance(TimeSpan.FromMinutes(59));

        var refreshed = await harness.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);

        Assert.Equal(1, harness.Cognito.Refreshes);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        var refreshParameters = harness.Cognito.Calls.Select(c => c.Request).Last() switch
        {
            AdminInitiateAuthRequest admin => admin.AuthParameters!,
            InitiateAuthRequest user => user.AuthParameters!,
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };
        // The alias would give a hash Cognito rejects (aws-sdk-net-extensions-cognito #35, #94, #122).
        Assert.Equal("fkLeFwrcJn6YulWReWoOc456X9WbREAiUbjA66qqL54=", refreshParameters["SECRET_HASH"]);
        Assert.NotEqual(SecretHash.Compute(Secret, Alias, FakeCognito.ClientId), refreshParameters["SECRET_HASH"]);
    }
}
