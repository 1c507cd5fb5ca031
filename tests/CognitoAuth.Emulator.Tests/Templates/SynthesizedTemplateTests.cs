using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Amazon.CDK;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using CognitoAuth.Stack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary>
/// The reference stack as the CDK app synthesizes it (one synth for the class: jsii starts Node), in a temporary cdk.out with
/// the function's code staged beside the template, as <c>bin/synth</c> writes it.
/// </summary>
public sealed class SynthesizedTemplate : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cognitoauth-synth-" + Guid.NewGuid().ToString("N"));

    public SynthesizedTemplate()
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20,22,24");
        var function = Directory.CreateDirectory(Path.Combine(_root, "function")).FullName;
        var assembly = typeof(CognitoAuth.Function.ApiFunction).Assembly.Location;
        File.Copy(assembly, Path.Combine(function, Path.GetFileName(assembly)));

        OutputDirectory = Path.Combine(_root, "cdk.out");
        // The CDK CLI asks for asset metadata (aws:asset:path) when it runs the app; an in-process synth must ask itself.
        var app = new App(new AppProps { Outdir = OutputDirectory, Context = new Dictionary<string, object> { ["aws:cdk:enable-asset-metadata"] = true } });
        _ = new CognitoAuthStack(app, ReferenceStack.StackName, new CognitoAuthStackProps
        {
            Env = new Amazon.CDK.Environment { Region = ReferenceStack.DefaultRegion },
            FunctionCodePath = function,
        });
        app.Synth();
        TemplatePath = Path.Combine(OutputDirectory, ReferenceStack.StackName + ".template.json");
    }

    public string OutputDirectory { get; }

    public string TemplatePath { get; }

    /// <summary>A changed copy of the template beside the original (so its asset paths still resolve), named as its stack.</summary>
    public string Mutated(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(TemplatePath))!.AsObject();
        change(json);
        var path = Path.Combine(OutputDirectory, $"{ReferenceStack.StackName}.template.json.mutated-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>
/// Contract 6 end to end: the CDK app's own template, deployed into the in-process emulator, serves the walkthrough exactly as
/// the built-in reference stack does, so a change to the CDK code that breaks the stack breaks this test; and two mutations
/// of it fail as AWS would.
/// </summary>
public sealed class SynthesizedTemplateTests(SynthesizedTemplate synthesized) : IClassFixture<SynthesizedTemplate>
{
    private static readonly SeedUser User = ReferenceStack.TestUser;

    [Fact]
    public async Task SynthesizedTemplate_Deployed_TheWalkthroughAndTheMachineClientWork()
    {
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = synthesized.TemplatePath, LoggerFactory = loggerFactory });
        var outputs = emulator.Outputs.Values;

        // Contract 2's shape under the stack's name, every URL local.
        Assert.Equal(ReferenceStack.StackName, emulator.Outputs.StackName);
        string[] expected = [StackOutputs.Region, StackOutputs.UserPoolId, StackOutputs.UserPoolClientId, StackOutputs.ApiUrl, StackOutputs.MachineClientId, StackOutputs.TokenEndpoint, StackOutputs.CognitoEndpoint];
        Assert.Equal(expected.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(emulator.ApiUrl.AbsoluteUri, outputs[StackOutputs.ApiUrl]);
        Assert.Equal(emulator.TokenEndpoint.AbsoluteUri, outputs[StackOutputs.TokenEndpoint]);
        Assert.StartsWith(ReferenceStack.DefaultRegion + "_", outputs[StackOutputs.UserPoolId], StringComparison.Ordinal);

        var accessToken = await WalkthroughAsync(emulator);
        var first = await GetAsync(outputs[StackOutputs.ApiUrl] + "hello", accessToken);
        Assert.True(first.Status == HttpStatusCode.OK, string.Join('\n', logs.Collector.GetSnapshot().Select(r => r.Message + " " + r.Exception)));
        Assert.Equal("Hello from a protected API!", (await GetAsync(outputs[StackOutputs.ApiUrl] + "hello", accessToken)).Body);

        // The user's token lacks the resource server's scope: API Gateway's 403 at the scoped route.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(outputs[StackOutputs.ApiUrl] + "scoped/hello", accessToken)).Status);

        // The reference trigger as the stack configures it (Contract 5): the feature plan V2 needs, the V2_0 pre token
        // generation function by its name, and the group it reads.
        using var cognito = new CognitoTestClient(emulator);
        var pool = (await cognito.CallAsync("DescribeUserPool", new { UserPoolId = outputs[StackOutputs.UserPoolId] })).Json.GetProperty("UserPool");
        Assert.Equal(ReferenceStack.FeaturePlan, pool.GetProperty("UserPoolTier").GetString());
        var trigger = pool.GetProperty("LambdaConfig").GetProperty("PreTokenGenerationConfig");
        Assert.Equal(ReferenceStack.TokenTriggerVersion, trigger.GetProperty("LambdaVersion").GetString());
        // The stack names no function, so CloudFormation's generated name ({stack}-{logical id}-{suffix}) is the one to run;
        // DeployedStack.TriggerFunctions hands it, with its code, to the runner.
        Assert.StartsWith($"arn:aws:lambda:{ReferenceStack.DefaultRegion}:000000000000:function:{ReferenceStack.StackName}-", trigger.GetProperty("LambdaArn").GetString(), StringComparison.Ordinal);
        var readers = await cognito.CallAsync("GetGroup", new { UserPoolId = outputs[StackOutputs.UserPoolId], GroupName = ReferenceStack.ReadersGroup.Name });
        Assert.Equal(HttpStatusCode.OK, readers.StatusCode);

        // The machine client: its secret from Cognito (never an output), a client-credentials token, the scoped route.
        var machineToken = await MachineTokenAsync(emulator);
        var scoped = await GetAsync(outputs[StackOutputs.ApiUrl] + "scoped/hello", machineToken);
        Assert.Equal(HttpStatusCode.OK, scoped.Status);
        Assert.Equal("Hello from a protected API!", scoped.Body);
    }

    [Fact]
    public async Task Mutation_AuthorizerAudienceFlipped_TheUsersTokenIsRefused401()
    {
        var path = synthesized.Mutated(template =>
            Authorizer(template)["Properties"]!["JwtConfiguration"]!["Audience"] = new JsonArray("some-other-client"));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = path, StackName = ReferenceStack.StackName });

        var accessToken = await WalkthroughAsync(emulator);
        var hello = await GetAsync(emulator.Outputs.Values[StackOutputs.ApiUrl] + "hello", accessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, hello.Status);
        Assert.Equal("""{"message":"Unauthorized"}""", hello.Body);
    }

    [Fact]
    public async Task Mutation_RouteScopeDropped_TheScopedRouteIsReachableWithoutTheScope()
    {
        var path = synthesized.Mutated(template =>
        {
            var route = Routes(template).Single(r => r["Properties"]!["RouteKey"]!.GetValue<string>() == "GET /scoped/hello");
            route["Properties"]!.AsObject().Remove("AuthorizationScopes");
        });
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = path, StackName = ReferenceStack.StackName });

        var accessToken = await WalkthroughAsync(emulator);
        var scoped = await GetAsync(emulator.Outputs.Values[StackOutputs.ApiUrl] + "scoped/hello", accessToken);

        Assert.Equal(HttpStatusCode.OK, scoped.Status);
    }

    /// <summary>
    /// The built-in reference stack (CognitoAuth.Reference, built by hand in the emulator) and the CDK template (CognitoAuth.Reference
    /// through the CDK constructs) are two descriptions of one stack: what each deploys must be the same, so neither can drift.
    /// </summary>
    [Fact]
    public async Task BuiltInReferenceStack_DeploysWhatTheSynthesizedTemplateDeploys()
    {
        await using var builtIn = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false, Region = ReferenceStack.DefaultRegion });
        await using var deployed = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = synthesized.TemplatePath, Region = ReferenceStack.DefaultRegion });

        var expected = await DescribeAsync(deployed);
        var actual = await DescribeAsync(builtIn);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var drifts = expected.Where(p => !JsonNode.DeepEquals(p.Value, actual[p.Key])).Select(p => $"{p.Key}: the template deploys\n{p.Value}\nthe built-in stack\n{actual[p.Key]}").ToList();
        Assert.True(drifts.Count == 0, string.Join("\n", drifts));
        Assert.Equal(await RouteAnswersAsync(deployed), await RouteAnswersAsync(builtIn));
    }

    /// <summary>The pool, its clients (by name), resource servers and groups as the API describes them, less ids, dates and names of made-up things.</summary>
    private static async Task<Dictionary<string, JsonNode?>> DescribeAsync(CognitoEmulator emulator)
    {
        using var cognito = new CognitoTestClient(emulator);
        var poolId = emulator.Outputs.Values[StackOutputs.UserPoolId];
        var pool = JsonNode.Parse((await cognito.CallAsync("DescribeUserPool", new { UserPoolId = poolId })).Text)!["UserPool"]!.AsObject();
        foreach (var made in (string[])["Id", "Arn", "CreationDate", "LastModifiedDate", "Domain", "EstimatedNumberOfUsers"])
        {
            pool.Remove(made);
        }

        // The trigger's function: CloudFormation's made-up name in one, the reference name in the other; both run the reference handler.
        pool["LambdaConfig"]!["PreTokenGenerationConfig"]!.AsObject().Remove("LambdaArn");
        pool["LambdaConfig"]!.AsObject().Remove("PreTokenGeneration");
        var description = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["pool"] = pool };
        foreach (var clientId in (string[])[emulator.Outputs.Values[StackOutputs.UserPoolClientId], emulator.Outputs.Values[StackOutputs.MachineClientId]])
        {
            var client = JsonNode.Parse((await cognito.CallAsync("DescribeUserPoolClient", new { UserPoolId = poolId, ClientId = clientId })).Text)!["UserPoolClient"]!.AsObject();
            foreach (var made in (string[])["ClientId", "ClientSecret", "UserPoolId", "CreationDate", "LastModifiedDate"])
            {
                client.Remove(made);
            }

            // CDK writes the refresh token's 30 days as 43200 minutes; what matters is how long each token lives.
            var units = client["TokenValidityUnits"]!.AsObject();
            foreach (var token in (string[])["AccessToken", "IdToken", "RefreshToken"])
            {
                var amount = client[token.Replace("Token", "TokenValidity", StringComparison.Ordinal)]!.GetValue<int>();
                client[token + "Lifetime"] = (units[token]!.GetValue<string>() switch
                {
                    "seconds" => TimeSpan.FromSeconds(amount),
                    "minutes" => TimeSpan.FromMinutes(amount),
                    "hours" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                }).ToString();
                client.Remove(token.Replace("Token", "TokenValidity", StringComparison.Ordinal));
            }

            client.Remove("TokenValidityUnits");
            description["client " + client["ClientName"]] = client;
        }

        var servers = JsonNode.Parse((await cognito.CallAsync("ListResourceServers", new { UserPoolId = poolId, MaxResults = 50 })).Text)!["ResourceServers"]!.AsArray();
        description["resource servers"] = new JsonArray(servers.Select(r => { var server = r!.DeepClone().AsObject(); server.Remove("UserPoolId"); return server; }).ToArray<JsonNode?>());
        var groups = JsonNode.Parse((await cognito.CallAsync("ListGroups", new { UserPoolId = poolId })).Text)!["Groups"]!.AsArray();
        description["groups"] = new JsonArray(groups.Select(g => new JsonObject
        {
            ["GroupName"] = g!["GroupName"]!.DeepClone(),
            ["Description"] = g["Description"]?.DeepClone(),
            ["Precedence"] = g["Precedence"]?.DeepClone(),
        }).ToArray<JsonNode?>());
        return description;
    }

    /// <summary>What each route answers without a token, with the user's token and with the machine's: the API's routes, authorizer and scopes.</summary>
    private static async Task<List<string>> RouteAnswersAsync(CognitoEmulator emulator)
    {
        var user = await WalkthroughAsync(emulator);
        var machine = await MachineTokenAsync(emulator);
        var answers = new List<string>();
        foreach (var route in (string[])["hello", "me", "scoped/hello", "nowhere"])
        {
            foreach (var (who, token) in new[] { ("nobody", string.Empty), ("user", user), ("machine", machine) })
            {
                answers.Add($"{who} GET /{route}: {(int)(await GetAsync(emulator.Outputs.Values[StackOutputs.ApiUrl] + route, token)).Status}");
            }
        }

        return answers;
    }

    /// <summary>admin-create-user, sign in with the temporary password, NEW_PASSWORD_REQUIRED, the new password: an access token.</summary>
    private static async Task<string> WalkthroughAsync(CognitoEmulator emulator)
    {
        using var cognito = new CognitoTestClient(emulator);
        var poolId = emulator.Outputs.Values[StackOutputs.UserPoolId];
        var clientId = emulator.Outputs.Values[StackOutputs.UserPoolClientId];
        var created = await cognito.CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId,
            Username = User.Username,
            TemporaryPassword = User.TemporaryPassword,
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email_verified", Value = "true" } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.OK, created.Text);

        var challenge = await cognito.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = poolId,
            ClientId = clientId,
            AuthFlow = "ADMIN_NO_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = User.Username, ["PASSWORD"] = User.TemporaryPassword },
        });
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Get("ChallengeName"));

        var answered = await cognito.CallAsync("AdminRespondToAuthChallenge", new
        {
            UserPoolId = poolId,
            ClientId = clientId,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = challenge.Get("Session"),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = User.Username, ["NEW_PASSWORD"] = User.NewPassword },
        });
        Assert.Equal(3600, answered.Json.GetProperty("AuthenticationResult").GetProperty("ExpiresIn").GetInt32());
        return answered.Get("AuthenticationResult", "AccessToken");
    }

    private static async Task<string> MachineTokenAsync(CognitoEmulator emulator)
    {
        using var cognito = new CognitoTestClient(emulator);
        var outputs = emulator.Outputs.Values;
        var client = await cognito.CallAsync("DescribeUserPoolClient", new { UserPoolId = outputs[StackOutputs.UserPoolId], ClientId = outputs[StackOutputs.MachineClientId] });
        var secret = client.Get("UserPoolClient", "ClientSecret");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, outputs[StackOutputs.TokenEndpoint])
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = ReferenceStack.HelloReadScope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{outputs[StackOutputs.MachineClientId]}:{secret}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(string url, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject().Select(r => r.Value!.AsObject()).Where(r => r["Type"]!.GetValue<string>() == type);

    private static JsonObject Authorizer(JsonObject template) => Resources(template, "AWS::ApiGatewayV2::Authorizer").Single();

    private static IEnumerable<JsonObject> Routes(JsonObject template) => Resources(template, "AWS::ApiGatewayV2::Route");
}
