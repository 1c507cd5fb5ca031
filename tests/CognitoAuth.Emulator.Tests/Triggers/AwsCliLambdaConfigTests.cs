using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// Checked against code written by others: the real AWS CLI configures a pool's <c>LambdaConfig</c> as a team would
/// (<c>create-user-pool --lambda-config</c>, <c>update-user-pool --lambda-config</c>; Debian's AWS CLI predates
/// <c>PreTokenGenerationConfig</c>, so the token trigger is the legacy <c>PreTokenGeneration</c> key, i.e. <c>V1_0</c>)
/// against <c>bin/local --lambda-endpoint URL</c>, and the triggers then fire through AWS Lambda's Invoke API (a recording
/// stand-in on loopback, as <c>sam local start-lambda</c> would serve it).
/// </summary>
public sealed class AwsCliLambdaConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aws-cli-triggers-").FullName;

    [AwsCliFact]
    public async Task LambdaConfigByTheAwsCli_AgainstBinLocalWithALambdaEndpoint_TriggersFireThroughTheInvokeApi()
    {
        var invocations = new ConcurrentQueue<(string Function, string Authorization, JsonObject Event)>();
        await using var lambda = await InvokeApiServer.StartAsync(request =>
        {
            var evt = JsonNode.Parse(request.Body)!.AsObject();
            invocations.Enqueue((request.FunctionName, request.Headers.Authorization.ToString(), (JsonObject)evt.DeepClone()));
            switch (evt["triggerSource"]!.GetValue<string>())
            {
                case "PreSignUp_SignUp":
                    evt["response"]!["autoConfirmUser"] = true;
                    evt["response"]!["autoVerifyEmail"] = true;
                    break;
                case "TokenGeneration_Authentication":
                    evt["response"] = JsonNode.Parse("""{"claimsOverrideDetails":{"claimsToAddOrOverride":{"tenant":"acme"}}}""");
                    break;
            }

            return new InvokeApiAnswer(200, Encoding.UTF8.GetBytes(evt.ToJsonString()));
        });
        using var local = await BinLocalProcess.StartAsync(Path.Combine(_directory, "outputs.json"), "--no-seed", "--lambda-endpoint", lambda.Url.AbsoluteUri);
        using var aws = new AwsCli();
        var endpoint = new Uri(local.Output("CognitoEndpoint"));
        var region = local.Output("Region");
        Task<AwsCliResult> Aws(params string[] arguments) =>
            aws.RunAsync(endpoint, region, CognitoEmulatorOptions.DefaultAccessKeyId, CognitoEmulatorOptions.DefaultSecretAccessKey, ["cognito-idp", .. arguments]);
        string Arn(string name) => $"arn:aws:lambda:{region}:123456789012:function:{name}";

        var pool = (await Aws("create-user-pool", "--pool-name", "team-pool", "--lambda-config", $"PreSignUp={Arn("team-pre-sign-up")},PostConfirmation={Arn("team-post-confirmation")}")).Json;
        var poolId = pool.GetProperty("UserPool").GetProperty("Id").GetString()!;
        var clientId = (await Aws("create-user-pool-client", "--user-pool-id", poolId, "--client-name", "app", "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
            .Json.GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        var signUp = (await Aws("sign-up", "--client-id", clientId, "--username", "alice", "--password", "Passw0rd!x", "--user-attributes", "Name=email,Value=alice@example.com")).Json;
        var updated = await Aws("update-user-pool", "--user-pool-id", poolId, "--lambda-config", $"PreSignUp={Arn("team-pre-sign-up")},PreTokenGeneration={Arn("team-tokens")}");
        Assert.True(updated.ExitCode == 0, updated.Stderr);
        var described = (await Aws("describe-user-pool", "--user-pool-id", poolId)).Json.GetProperty("UserPool").GetProperty("LambdaConfig");
        var signIn = (await Aws("initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH", "--auth-parameters", "USERNAME=alice,PASSWORD=Passw0rd!x")).Json;
        var kms = await Aws("create-user-pool", "--pool-name", "kms-pool", "--lambda-config",
            $"CustomEmailSender={{LambdaVersion=V1_0,LambdaArn={Arn("sender")}}},KMSKeyID=arn:aws:kms:{region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        Assert.True(signUp.GetProperty("UserConfirmed").GetBoolean());
        Assert.Equal(Arn("team-tokens"), described.GetProperty("PreTokenGeneration").GetString());
        var idToken = signIn.GetProperty("AuthenticationResult").GetProperty("IdToken").GetString()!;
        Assert.Equal("acme", TestPool.Claims(idToken).GetProperty("tenant").GetString());
        Assert.Equal(
            [("team-pre-sign-up", "PreSignUp_SignUp"), ("team-post-confirmation", "PostConfirmation_ConfirmSignUp"), ("team-tokens", "TokenGeneration_Authentication")],
            invocations.Select(i => (i.Function, i.Event["triggerSource"]!.GetValue<string>())));
        Assert.All(invocations, i => Assert.Contains($"/{region}/lambda/aws4_request", i.Authorization, StringComparison.Ordinal));
        Assert.Equal("1", invocations.Last().Event["version"]!.GetValue<string>());
        Assert.NotEqual(0, kms.ExitCode);
        Assert.Contains("InvalidParameterException", kms.Stderr, StringComparison.Ordinal);
        Assert.Contains("CustomEmailSender", kms.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
