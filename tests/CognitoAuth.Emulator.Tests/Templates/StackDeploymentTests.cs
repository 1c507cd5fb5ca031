using System.Net;
using System.Net.Http.Headers;
using CognitoAuth.Emulator.Templates;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary>A hand-written YAML template deployed into the in-process emulator: what it creates, and what it refuses.</summary>
public sealed class StackDeploymentTests : IDisposable
{
    private const string Password = "Str0ng!Passw0rd";

    private readonly TemplateFolder _folder = new();

    public StackDeploymentTests()
    {
        // The function's code folder, as CDK stages it beside the template (aws:asset:path is relative to the template's folder).
        var asset = Directory.CreateDirectory(Path.Combine(_folder.Path, "asset.fn")).FullName;
        var assembly = typeof(CognitoAuth.Function.ApiFunction).Assembly.Location;
        File.Copy(assembly, Path.Combine(asset, Path.GetFileName(assembly)));
    }

    internal static string TeamTemplate(string passwordPolicy = "MinimumLength: \"10\"\n          RequireSymbols: \"true\"", string assetPath = "asset.fn") => $$"""
        Parameters:
          Prefix: { Type: String, Default: team }
        Conditions:
          WithGroup: !Equals [ !Ref Prefix, team ]
        Resources:
          Pool:
            Type: AWS::Cognito::UserPool
            Properties:
              UserPoolName: !Sub "${Prefix}-pool"
              UsernameAttributes: [ email ]
              MfaConfiguration: OPTIONAL
              EnabledMfas: [ SOFTWARE_TOKEN_MFA ]
              Policies:
                PasswordPolicy:
                  {{passwordPolicy}}
          Client:
            Type: AWS::Cognito::UserPoolClient
            Properties:
              UserPoolId: !Ref Pool
              ClientName: team-client
              ExplicitAuthFlows: [ ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH ]
          Readers:
            Type: AWS::Cognito::UserPoolGroup
            Condition: WithGroup
            Properties: { UserPoolId: !Ref Pool, GroupName: readers, Precedence: "1" }
          Alice:
            Type: AWS::Cognito::UserPoolUser
            Properties:
              UserPoolId: !Ref Pool
              Username: alice@example.com
              MessageAction: SUPPRESS
              UserAttributes: [ { Name: email, Value: alice@example.com } ]
          AliceReads:
            Type: AWS::Cognito::UserPoolUserToGroupAttachment
            Properties: { UserPoolId: !Ref Pool, Username: !Ref Alice, GroupName: !Ref Readers }
          Role:
            Type: AWS::IAM::Role
            Properties: { AssumeRolePolicyDocument: {} }
          Function:
            Type: AWS::Lambda::Function
            Metadata: { "aws:asset:path": {{assetPath}} }
            Properties:
              Runtime: dotnet10
              Handler: {{ReferenceStack.FunctionHandler}}
              Code: { S3Bucket: assets, S3Key: fn.zip }
              Role: !GetAtt Role.Arn
              Environment: { Variables: { A: b } }
          Api:
            Type: AWS::ApiGatewayV2::Api
            Properties: { Name: team-api, ProtocolType: HTTP }
          Authorizer:
            Type: AWS::ApiGatewayV2::Authorizer
            Properties:
              ApiId: !Ref Api
              AuthorizerType: JWT
              Name: team-jwt
              IdentitySource: [ $request.header.Authorization ]
              JwtConfiguration:
                Issuer: !Sub "https://cognito-idp.${AWS::Region}.amazonaws.com/${Pool}"
                Audience: [ !Ref Client ]
          Integration:
            Type: AWS::ApiGatewayV2::Integration
            Properties: { ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Function.Arn, PayloadFormatVersion: "2.0" }
          Hello:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: GET /hello
              AuthorizationType: JWT
              AuthorizerId: !Ref Authorizer
              Target: !Join [ "/", [ integrations, !Ref Integration ] ]
          Me:
            Type: AWS::ApiGatewayV2::Route
            Properties: { ApiId: !Ref Api, RouteKey: GET /me, Target: !Sub "integrations/${Integration}" }
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties: { ApiId: !Ref Api, StageName: $default, AutoDeploy: true }
        Outputs:
          ApiUrl: { Value: !Sub "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" }
          Endpoint: { Value: !GetAtt Api.ApiEndpoint }
          ApiId: { Value: !Ref Api }
          PoolId: { Value: !Ref Pool }
          ClientId: { Value: !Ref Client }
          Stack: { Value: !Ref AWS::StackName }
        """;

    [Fact]
    public async Task StartAsync_Template_DeploysPoolClientGroupUserApiAndFunction_AndTheWalkthroughWorks()
    {
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var options = new CognitoEmulatorOptions { TemplatePath = _folder.Write("team.yaml", TeamTemplate()), LoggerFactory = loggerFactory };
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var cognito = new CognitoTestClient(emulator);
        var outputs = emulator.Outputs.Values;

        // Outputs: the stack name from the file name, the API's URL however built is the local one, plus CognitoEndpoint.
        Assert.Equal("team", emulator.Outputs.StackName);
        Assert.Equal("team", outputs["Stack"]);
        Assert.Equal(emulator.ApiUrl.AbsoluteUri, outputs["ApiUrl"]);
        Assert.Equal(emulator.ApiUrl.AbsoluteUri.TrimEnd('/'), outputs["Endpoint"]);
        Assert.Equal(emulator.CognitoEndpoint.AbsoluteUri, outputs[StackOutputs.CognitoEndpoint]);
        Assert.Equal(outputs["PoolId"], emulator.UserPoolId);
        Assert.Equal(outputs["ClientId"], emulator.ClientId);
        Assert.Contains("\"team\": {", emulator.Outputs.ToJson(), StringComparison.Ordinal);

        // The pool as CreateUserPool configured it, CloudFormation's string scalars read as numbers and booleans.
        var pool = await cognito.CallAsync("DescribeUserPool", new { UserPoolId = outputs["PoolId"] });
        Assert.Equal("team-pool", pool.Get("UserPool", "Name"));
        Assert.Equal(10, pool.Json.GetProperty("UserPool").GetProperty("Policies").GetProperty("PasswordPolicy").GetProperty("MinimumLength").GetInt32());
        var mfa = await cognito.CallAsync("GetUserPoolMfaConfig", new { UserPoolId = outputs["PoolId"] });
        Assert.Equal("OPTIONAL", mfa.Get("MfaConfiguration"));
        Assert.True(mfa.Json.GetProperty("SoftwareTokenMfaConfiguration").GetProperty("Enabled").GetBoolean());
        var groups = await cognito.CallAsync("AdminListGroupsForUser", new { UserPoolId = outputs["PoolId"], Username = "alice@example.com" });
        Assert.Equal("readers", groups.Json.GetProperty("Groups")[0].GetProperty("GroupName").GetString());

        // The walkthrough: a user, a sign-in, the protected route through the template's authorizer and function.
        emulator.CreateUser("bob@example.com", Password, permanent: true);
        var signIn = await cognito.AdminInitiateAuthAsync("bob@example.com", Password);
        var token = signIn.Get("AuthenticationResult", "AccessToken");
        using var http = new HttpClient { BaseAddress = new Uri(outputs["ApiUrl"]) };
        using var anonymous = await http.GetAsync("hello");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "hello") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var hello = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        Assert.Equal("Hello from a protected API!", await hello.Content.ReadAsStringAsync());

        // A route without authorization reaches the function with no claims (the function itself answers 401, no www-authenticate).
        using var me = await http.GetAsync("me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Empty(me.Headers.WwwAuthenticate);
        using var nowhere = await http.GetAsync("nowhere");
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);

        // Said once at start: the types not emulated and the properties ignored.
        var messages = logs.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Single(messages, m => m.StartsWith("Not emulated", StringComparison.Ordinal) && m.Contains("AWS::IAM::Role", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Resources.Function.Properties.Environment: not emulated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_TwoApis_EachUnderItsIdWithItsStage_AndAForeignIssuerRefusesEverything()
    {
        var handler = ReferenceStack.FunctionHandler;
        var template = $$"""
            Resources:
              Function:
                Type: AWS::Lambda::Function
                Metadata: { "aws:asset:path": asset.fn }
                Properties: { Runtime: dotnet10, Handler: {{handler}}, Code: { ZipFile: "" } }
              A: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: a, ProtocolType: HTTP } }
              AIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties: { ApiId: !Ref A, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Function.Arn, PayloadFormatVersion: "2.0" }
              AHello:
                Type: AWS::ApiGatewayV2::Route
                Properties: { ApiId: !Ref A, RouteKey: GET /hello, Target: !Sub "integrations/${AIntegration}" }
              AStage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref A, StageName: $default } }
              B: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: b, ProtocolType: HTTP } }
              BIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref B
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Function.Arn}/invocations"
                  PayloadFormatVersion: "2.0"
              Foreign:
                Type: AWS::ApiGatewayV2::Authorizer
                Properties:
                  ApiId: !Ref B
                  AuthorizerType: JWT
                  Name: foreign
                  JwtConfiguration: { Issuer: "https://login.example.com/", Audience: [ x ] }
              BHello:
                Type: AWS::ApiGatewayV2::Route
                Properties: { ApiId: !Ref B, RouteKey: GET /hello, Target: !Sub "integrations/${BIntegration}" }
              BGuarded:
                Type: AWS::ApiGatewayV2::Route
                Properties: { ApiId: !Ref B, RouteKey: GET /me, AuthorizationType: JWT, AuthorizerId: !Ref Foreign, Target: !Sub "integrations/${BIntegration}" }
              BStage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref B, StageName: prod } }
            Outputs:
              AUrl: { Value: !GetAtt A.ApiEndpoint }
              BUrl: { Value: !Sub "https://${B}.execute-api.${AWS::Region}.amazonaws.com/prod/" }
              BId: { Value: !Ref B }
            """;
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = _folder.Write("two.yaml", template) });
        var outputs = emulator.Outputs.Values;
        using var http = new HttpClient();

        Assert.EndsWith("/" + outputs["BId"] + "/prod/", outputs["BUrl"], StringComparison.Ordinal);
        using var a = await http.GetAsync(outputs["AUrl"] + "/hello");
        Assert.Equal("Hello from a protected API!", await a.Content.ReadAsStringAsync());
        using var b = await http.GetAsync(outputs["BUrl"] + "hello");
        Assert.Equal("Hello from a protected API!", await b.Content.ReadAsStringAsync());
        using var noStage = await http.GetAsync(outputs["BUrl"].Replace("/prod/", "/", StringComparison.Ordinal) + "hello");
        Assert.Equal(HttpStatusCode.NotFound, noStage.StatusCode);
        using var foreign = await http.GetAsync(outputs["BUrl"] + "me");
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
    }

    [Fact]
    public async Task StartAsync_PropertyOfTheWrongType_NamesTheResourceAndPropertyAndDeploysNothing()
    {
        var data = Path.Combine(_folder.Path, "data");
        var options = new CognitoEmulatorOptions
        {
            TemplatePath = _folder.Write("bad.yaml", TeamTemplate(passwordPolicy: "MinimumLength: eight")),
            DataDirectory = data,
        };

        var error = await Assert.ThrowsAsync<TemplateException>(() => CognitoEmulator.StartAsync(options));

        Assert.Equal("Resources.Pool.Properties.Policies.PasswordPolicy.MinimumLength: must be a number, not a string.", error.Message);
        Assert.False(File.Exists(Path.Combine(data, "state.json")));
        Assert.False(File.Exists(Path.Combine(data, StackState.FileName)));
    }

    [Fact]
    public async Task StartAsync_ResourceCognitoRefuses_NamesItAndLeavesNothingDeployed()
    {
        var data = Path.Combine(_folder.Path, "data");
        var template = TeamTemplate().Replace("ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_EVERYTHING", StringComparison.Ordinal);
        var options = new CognitoEmulatorOptions { TemplatePath = _folder.Write("refused.yaml", template), DataDirectory = data };

        var error = await Assert.ThrowsAsync<TemplateException>(() => CognitoEmulator.StartAsync(options));

        Assert.StartsWith("Resources.Client.Properties: CreateUserPoolClient refused it: InvalidParameterException:", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "state.json")));

        // The directory is usable at once for a good template: nothing of the failed one is in it.
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = _folder.Write("good.yaml", TeamTemplate()), DataDirectory = data });
        using var cognito = new CognitoTestClient(emulator);
        var pools = await cognito.CallAsync("ListUserPools", new { MaxResults = 60 });
        Assert.Equal(1, pools.Json.GetProperty("UserPools").GetArrayLength());
    }

    [Fact]
    public async Task StartAsync_FunctionCodeFolderMissing_NamesTheResourceAndMetadata()
    {
        var options = new CognitoEmulatorOptions { TemplatePath = _folder.Write("nocode.yaml", TeamTemplate(assetPath: "asset.gone")) };

        var error = await Assert.ThrowsAsync<TemplateException>(() => CognitoEmulator.StartAsync(options));

        Assert.StartsWith("Resources.Function.Metadata.aws:asset:path: the function's code folder", error.Message, StringComparison.Ordinal);
        Assert.Contains("asset.gone does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_HandlerNotInTheCodeFolder_NamesTheHandlerProperty()
    {
        var template = TeamTemplate().Replace(ReferenceStack.FunctionHandler, "Missing.Assembly::Missing.Type::Handle", StringComparison.Ordinal);
        var options = new CognitoEmulatorOptions { TemplatePath = _folder.Write("nohandler.yaml", template) };

        var error = await Assert.ThrowsAsync<TemplateException>(() => CognitoEmulator.StartAsync(options));

        Assert.StartsWith("Resources.Function.Properties.Handler: The handler's assembly 'Missing.Assembly.dll' is not in the code folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DataDirectory_RestartKeepsTheStacksIds_AndAChangedTemplateIsRefused()
    {
        var data = Path.Combine(_folder.Path, "data");
        var path = _folder.Write("team.yaml", TeamTemplate());
        IReadOnlyDictionary<string, string> first;
        await using (var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = path, DataDirectory = data }))
        {
            first = emulator.Outputs.Values;
            emulator.CreateUser("bob@example.com", Password, permanent: true);
        }

        await using (var again = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = path, DataDirectory = data }))
        {
            Assert.Equal(first["PoolId"], again.Outputs.Values["PoolId"]);
            Assert.Equal(first["ClientId"], again.Outputs.Values["ClientId"]);
            Assert.Equal(first["ApiId"], again.Outputs.Values["ApiId"]);

            // The user made after the first start is still there, and its token still passes the template's authorizer.
            using var cognito = new CognitoTestClient(again);
            var token = (await cognito.AdminInitiateAuthAsync("bob@example.com", Password)).Get("AuthenticationResult", "AccessToken");
            using var http = new HttpClient { BaseAddress = again.ApiUrl };
            using var request = new HttpRequestMessage(HttpMethod.Get, "hello") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            using var hello = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        }

        File.WriteAllText(path, TeamTemplate().Replace("team-client", "renamed-client", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<TemplateException>(() => CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = path, DataDirectory = data }));
        Assert.Contains("the emulator does not update a deployed stack", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ReferenceStacksDataDirectoryWithATemplate_Refused()
    {
        var data = Path.Combine(_folder.Path, "data");
        await using (await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = data }))
        {
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = _folder.Write("team.yaml", TeamTemplate()), DataDirectory = data }));

        Assert.Contains("holds the built-in reference stack", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
