using System.Net;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Cognito;
using CognitoAuth.Client.Tests.Fakes;
using CognitoAuth.Testing;

namespace CognitoAuth.Client.Tests;

/// <summary>
/// No secret in a <c>ToString()</c> or an exception, across the assembly and across failure paths. (Logs are checked by
/// every test: <see cref="ClientHarness"/> and <see cref="CognitoTestHost"/> scan theirs when disposed.)
/// </summary>
public sealed class SecretHygieneTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public void ToString_EveryTypeHoldingASecret_RedactsIt()
    {
        var (probed, leaks) = RedactionProbe.Run(typeof(CognitoApiClientOptions).Assembly);

        Assert.Empty(leaks);
        Assert.Superset(
            new HashSet<Type> { typeof(CognitoApiClientOptions), typeof(CognitoTokenSet), typeof(AuthFlowResponse), typeof(AuthenticationResultType), typeof(CognitoAuth.Client.Tokens.CachedTokens) },
            probed.ToHashSet());
    }

    [Fact]
    public void RedactionProbe_TypeThatPrintsASecret_IsReported()
    {
        var (_, leaks) = RedactionProbe.Run(typeof(SecretHygieneTests).Assembly);

        Assert.Contains(leaks, leak => leak.Contains(nameof(Leaky), StringComparison.Ordinal));
    }

    public static TheoryData<string> FailurePaths => [.. Failures.Keys];

    /// <summary>Each failure path, set up on the harness; returns the call that fails.</summary>
    private static readonly Dictionary<string, Func<ClientHarness, Task>> Failures = new()
    {
        ["wrong password"] = h => { h.Cognito.Password = "Another-Pass-456!"; return Sign(h); },
        ["both passwords rejected"] = h => { h.Cognito.Password = "Another-Pass-456!"; return Sign(h); },
        ["NEW_PASSWORD_REQUIRED without NewPassword"] = h => { h.Cognito.MustChangePassword = true; return Sign(h); },
        ["unsupported challenge"] = h => { h.Cognito.Challenge = "SOFTWARE_TOKEN_MFA"; return Sign(h); },
        ["required attribute not configured"] = h => { h.Cognito.MustChangePassword = true; h.Cognito.RequiredAttributesJson = """["userAttributes.name"]"""; return Sign(h); },
        ["challenge answer rejected"] = h => { h.Cognito.MustChangePassword = true; h.Cognito.RejectChallengeAnswers = true; return Sign(h); },
        ["secret hash rejected"] = h => { h.Cognito.ClientSecret = "a-different-client-secret"; return Sign(h); },
        ["token lifetime unknown"] = h => { h.Cognito.OmitExpiresIn = true; h.Cognito.OmitTokenTimes = true; return Sign(h); },
        ["throttled"] = h => Fail(h, CognitoErrorCodes.TooManyRequests),
        ["refresh refused and sign-in refused"] = async h =>
        {
            await Sign(h);
            h.Cognito.ExpireRefreshTokens();
            h.Cognito.Password = "Another-Pass-456!";
            h.Time.Advance(TimeSpan.FromHours(1));
            await Sign(h);
        },
        ["plain http to a remote host"] = h => h.CreateHttpClient().GetAsync(new Uri("http://api.example.com/prod/hello")),
        ["unknown client name"] = h => h.Tokens.GetTokensAsync("not-registered"),
    };

    [Theory]
    [MemberData(nameof(FailurePaths))]
    public async Task Exception_OfEveryFailurePath_CarriesNoSecret(string path)
    {
        using var harness = new ClientHarness(o =>
        {
            o.NewPassword = path.Contains("without NewPassword", StringComparison.Ordinal) ? null : ClientHarness.NewPassword;
            o.ClientSecret = "the-configured-client-secret";
        });
        harness.Cognito.ClientSecret ??= "the-configured-client-secret";

        var exception = await Record.ExceptionAsync(() => Failures[path](harness));

        Assert.NotNull(exception);
        harness.Cognito.Secrets.Add("the-configured-client-secret", "client secret");
        harness.Cognito.Secrets.Add(ClientHarness.NewPassword, "new password");
        Assert.True(harness.Cognito.Secrets.Count >= 3, "the path handed out no secret to look for");
        harness.Cognito.Secrets.AssertNotIn(exception);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.sig","ExpiresIn":"soon"}}""")]
    [InlineData(HttpStatusCode.OK, """{"Session":"AYABeLEAKED-SESSION-VALUE","ChallengeName":""")]
    [InlineData(HttpStatusCode.BadRequest, """<html>proxy error for {"PASSWORD":"Pa55-word!leaked"}</html>""")]
    [InlineData(HttpStatusCode.InternalServerError, """{"__type":"InternalErrorException","RefreshToken":"refresh-token-leaked-value"}""")]
    public async Task Exception_OfAnUnreadableOrFailedCognitoAnswer_DoesNotEchoTheBody(HttpStatusCode status, string body)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(status, body);
        const string Password = "Pa55-word!never-echoed";

        var exception = await Assert.ThrowsAsync<CognitoException>(() => host.Client.AdminInitiateAuthAsync(CognitoTestHost.Endpoint, new AdminInitiateAuthRequest
        {
            UserPoolId = "ap-northeast-1_AbCdEfGhI",
            ClientId = "1example23456789",
            AuthFlow = AuthFlowType.AdminUserPasswordAuth,
            AuthParameters = new() { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = Password },
        }, CancellationToken.None));

        foreach (var leaked in new[] { "eyJzdWIiOiJsZWFrIn0", "AYABeLEAKED-SESSION-VALUE", "Pa55-word!leaked", "refresh-token-leaked-value", Password })
        {
            Assert.DoesNotContain(leaked, exception.ToString(), StringComparison.Ordinal);
        }
    }

    private static Task Sign(ClientHarness harness) => harness.Tokens.GetTokensAsync(Name);

    private static Task Fail(ClientHarness harness, string code)
    {
        harness.Cognito.Failures.Enqueue(new CognitoException(code, "Rate exceeded", HttpStatusCode.BadRequest, "r", true));
        return Sign(harness);
    }

    /// <summary>Proves the probe can fail: it must report this.</summary>
    internal sealed class Leaky
    {
        public string? ApiToken { get; set; }

        public override string ToString() => $"Leaky {{ ApiToken = {ApiToken} }}";
    }
}
