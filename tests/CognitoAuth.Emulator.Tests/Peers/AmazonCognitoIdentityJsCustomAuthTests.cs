using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Peers;

/// <summary>
/// amazon-cognito-identity-js (AWS's own client, pinned in tools/amazon-cognito-identity-js), written by others, signs in
/// with custom authentication against the emulator, unchanged: <c>initiateAuth</c> under <c>CUSTOM_AUTH</c> with its
/// <c>customChallenge</c> callback and <c>sendCustomChallengeAnswer</c> (a wrong answer, then the right one), then "custom
/// with SRP" (<c>authenticateUser</c> under <c>CUSTOM_AUTH</c>). The pool's define/create/verify functions are a team's
/// Node functions behind AWS Lambda's Invoke API (served by tools/amazon-cognito-identity-js/custom-auth.js), reached
/// through <c>bin/local --lambda-endpoint URL</c>; the AWS CLI creates the app client and the user and sets the pool's
/// <c>LambdaConfig</c>, as a team would.
/// </summary>
public sealed class AmazonCognitoIdentityJsCustomAuthTests
{
    private const string Email = "dana@example.com";
    private const string Password = "Custom-Pass-123!";
    private static readonly NodeTool Tool = new("amazon-cognito-identity-js", "amazon-cognito-identity-js");

    [AwsCliFact]
    public async Task CustomAuth_InitiateAuthAndCustomWithSrp_TheirTrioBehindTheInvokeApi_SignsInAgainstBinLocal()
    {
        var lambdaPort = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), $"custom-auth-peer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            using var local = await BinLocalProcess.StartAsync(Path.Combine(directory, "outputs.json"), "--lambda-endpoint", $"http://127.0.0.1:{lambdaPort}/");
            await RunAsync(local, lambdaPort);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunAsync(BinLocalProcess local, int lambdaPort)
    {
        var (endpoint, region, poolId) = (new Uri(local.Output("CognitoEndpoint")), local.Output("Region"), local.Output("UserPoolId"));
        var credentials = new CognitoEmulatorOptions(); // bin/local's defaults: the local credentials it prints
        using var cli = new AwsCli();
        async Task<JsonElement> Aws(params string[] arguments)
        {
            var result = await cli.RunAsync(endpoint, region, credentials.AccessKeyId, credentials.SecretAccessKey, arguments);
            Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)}: {result.Stderr}");
            return result.Stdout.Length == 0 ? default : JsonDocument.Parse(result.Stdout).RootElement;
        }

        // The team's setup: an app client that allows custom auth, a user with a password, the pool's trio.
        var clientId = (await Aws("cognito-idp", "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "custom-auth",
            "--explicit-auth-flows", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
            .GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        var username = (await Aws("cognito-idp", "admin-create-user", "--user-pool-id", poolId, "--username", Email, "--message-action", "SUPPRESS",
            "--user-attributes", $"Name=email,Value={Email}", "Name=email_verified,Value=true"))
            .GetProperty("User").GetProperty("Username").GetString()!;
        await Aws("cognito-idp", "admin-set-user-password", "--user-pool-id", poolId, "--username", Email, "--password", Password, "--permanent");
        var arn = $"arn:aws:lambda:{region}:123456789012:function:";
        await Aws("cognito-idp", "update-user-pool", "--user-pool-id", poolId,
            "--lambda-config", $"DefineAuthChallenge={arn}define,CreateAuthChallenge={arn}create,VerifyAuthChallengeResponse={arn}verify");

        var seen = JsonDocument.Parse(await Tool.RunAsync("custom-auth.js", new JsonObject
        {
            ["endpoint"] = endpoint.ToString(),
            ["userPoolId"] = poolId,
            ["clientId"] = clientId,
            ["username"] = Email,
            ["password"] = Password,
            ["lambdaPort"] = lambdaPort,
        }.ToJsonString())).RootElement;

        // 1. Custom only: the wrong answer got a new question (define asked again), the right one the tokens.
        var first = seen.GetProperty("custom");
        Assert.Equal(["1+1?", "2+2?"], first.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(username, first.GetProperty("username").GetString());
        Assert.Equal("access", first.GetProperty("tokenUse").GetString());
        Assert.True(first.GetProperty("valid").GetBoolean());
        var customEvents = seen.GetProperty("customEvents").EnumerateArray().ToList();
        Assert.Equal(["define", "create", "verify", "define", "create", "verify", "define"], customEvents.Select(e => e.GetProperty("name").GetString()));
        Assert.All(customEvents, e => Assert.True(e.GetProperty("signed").GetBoolean(), "the Invoke API call is SigV4-signed for lambda"));
        Assert.Equal("""[["CUSTOM_CHALLENGE",false],["CUSTOM_CHALLENGE",true]]""", customEvents[^1].GetProperty("session").GetRawText());
        Assert.Equal("peer", customEvents[0].GetProperty("clientMetadata").GetProperty("app").GetString());
        Assert.Equal("2", customEvents[^1].GetProperty("clientMetadata").GetProperty("step").GetString());

        // 2. Custom with SRP: the password proven first; define saw SRP_A, then PASSWORD_VERIFIER, then the answer.
        var srp = seen.GetProperty("srp");
        Assert.Equal(["3+3?"], srp.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(username, srp.GetProperty("username").GetString());
        Assert.True(srp.GetProperty("valid").GetBoolean());
        Assert.True(srp.GetProperty("hasRefreshToken").GetBoolean());
        var srpEvents = seen.GetProperty("srpEvents").EnumerateArray().ToList();
        Assert.Equal(["define", "define", "create", "verify", "define"], srpEvents.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("""[["SRP_A",true],["PASSWORD_VERIFIER",true],["CUSTOM_CHALLENGE",true]]""", srpEvents[^1].GetProperty("session").GetRawText());
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
