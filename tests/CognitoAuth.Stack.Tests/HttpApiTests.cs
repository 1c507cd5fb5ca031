using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class HttpApiTests(SynthesizedStack synthesized)
{
    private string ApiId => synthesized.Single("AWS::ApiGatewayV2::Api").LogicalId;

    [Fact]
    public void HttpApi_Template_IsOneHttpProtocolApi()
    {
        synthesized.Template.ResourceCountIs("AWS::ApiGatewayV2::Api", 1);
        synthesized.Template.HasResourceProperties("AWS::ApiGatewayV2::Api", new Dictionary<string, object>
        {
            ["ProtocolType"] = "HTTP",
            ["Name"] = ReferenceStack.Api.Name,
        });
    }

    [Fact]
    public void Authorizer_Jwt_TrustsThePoolIssuerForBothAppClientsFromTheAuthorizationHeader()
    {
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");
        var (clientId, _) = synthesized.UserClient;
        var (machineClientId, _) = synthesized.MachineClient;

        synthesized.Template.ResourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        synthesized.Template.HasResourceProperties("AWS::ApiGatewayV2::Authorizer", new Dictionary<string, object>
        {
            ["ApiId"] = Ref(ApiId),
            ["AuthorizerType"] = "JWT",
            ["Name"] = ReferenceStack.Api.AuthorizerName,
            ["IdentitySource"] = Match.ArrayEquals(["$request.header.Authorization"]),
            ["JwtConfiguration"] = Match.ObjectEquals(new Dictionary<string, object>
            {
                ["Audience"] = Match.ArrayEquals([Ref(clientId), Ref(machineClientId)]),
                ["Issuer"] = new Dictionary<string, object>
                {
                    ["Fn::Join"] = new object[] { "", new object[] { "https://cognito-idp.ap-northeast-1.amazonaws.com/", Ref(poolId) } },
                },
            }),
        });
    }

    [Fact]
    public void Routes_EveryDefinedRoute_IsBehindTheJwtAuthorizer()
    {
        var (authorizerId, _) = synthesized.Single("AWS::ApiGatewayV2::Authorizer");

        synthesized.Template.ResourceCountIs("AWS::ApiGatewayV2::Route", ReferenceStack.Routes.Count);
        foreach (var route in ReferenceStack.Routes)
        {
            synthesized.Template.HasResourceProperties("AWS::ApiGatewayV2::Route", new Dictionary<string, object>
            {
                ["ApiId"] = Ref(ApiId),
                ["RouteKey"] = route.RouteKey,
                ["AuthorizationType"] = "JWT",
                ["AuthorizerId"] = Ref(authorizerId),
            });
        }

        Assert.Equal(["GET /hello", "GET /me", "GET /scoped/hello"], ReferenceStack.Routes.Select(r => r.RouteKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Routes_ScopedHello_RequiresTheHelloReadScope()
    {
        var (_, route) = Route("GET /scoped/hello");

        Assert.Equal(["cognito-auth-api/hello.read"], route["Properties"]!["AuthorizationScopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(ReferenceStack.HelloReadScope, Assert.Single(ReferenceStack.Routes.Single(r => r.Path == "/scoped/hello").AuthorizationScopes));
    }

    [Theory]
    [InlineData("GET /hello")]
    [InlineData("GET /me")]
    public void Routes_HelloAndMe_TakeAnyValidTokenWithoutScopes(string routeKey)
    {
        var (_, route) = Route(routeKey);

        Assert.Null(route["Properties"]!["AuthorizationScopes"]);
    }

    [Fact]
    public void Integration_LambdaProxy_UsesPayloadFormat2AndTheFunction()
    {
        var (functionId, _) = synthesized.ApiFunction;

        synthesized.Template.ResourceCountIs("AWS::ApiGatewayV2::Integration", 1);
        synthesized.Template.HasResourceProperties("AWS::ApiGatewayV2::Integration", new Dictionary<string, object>
        {
            ["ApiId"] = Ref(ApiId),
            ["IntegrationType"] = "AWS_PROXY",
            ["PayloadFormatVersion"] = "2.0",
            ["IntegrationUri"] = GetAtt(functionId, "Arn"),
        });
    }

    [Fact]
    public void Integration_Routes_AllTargetTheOneIntegration()
    {
        var (integrationId, _) = synthesized.Single("AWS::ApiGatewayV2::Integration");
        var target = new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray("integrations/", new JsonObject { ["Ref"] = integrationId })) };

        Assert.All(synthesized.Resources("AWS::ApiGatewayV2::Route"), r =>
            Assert.True(JsonNode.DeepEquals(target, r.Resource["Properties"]!["Target"]), r.LogicalId));
    }

    [Fact]
    public void Invoke_Permission_IsGrantedToApiGatewayPerRouteOfThisApiOnly()
    {
        var permissions = synthesized.Resources("AWS::Lambda::Permission")
            .Where(p => p.Resource["Properties"]!["Principal"]!.GetValue<string>() == "apigateway.amazonaws.com").ToList();

        Assert.Equal(ReferenceStack.Routes.Count, permissions.Count);
        foreach (var route in ReferenceStack.Routes)
        {
            synthesized.Template.HasResourceProperties("AWS::Lambda::Permission", new Dictionary<string, object>
            {
                ["Action"] = "lambda:InvokeFunction",
                ["Principal"] = "apigateway.amazonaws.com",
                ["SourceArn"] = new Dictionary<string, object>
                {
                    ["Fn::Join"] = new object[]
                    {
                        "",
                        Match.ArrayWith([Ref(ApiId), $"/*/*{route.Path}"]),
                    },
                },
            });
        }
    }

    [Fact]
    public void Stage_Default_AutoDeploysWithThrottling()
    {
        synthesized.Template.ResourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        synthesized.Template.HasResourceProperties("AWS::ApiGatewayV2::Stage", new Dictionary<string, object>
        {
            ["ApiId"] = Ref(ApiId),
            ["StageName"] = "$default",
            ["AutoDeploy"] = true,
            ["DefaultRouteSettings"] = new Dictionary<string, object>
            {
                ["ThrottlingBurstLimit"] = ReferenceStack.Api.ThrottlingBurstLimit,
                ["ThrottlingRateLimit"] = ReferenceStack.Api.ThrottlingRateLimit,
            },
        });
    }

    [Fact]
    public void Stage_AccessLogs_GoAsJsonToARetainedForTwoWeeksLogGroup()
    {
        var (_, stage) = synthesized.Single("AWS::ApiGatewayV2::Stage");
        var settings = stage["Properties"]!["AccessLogSettings"]!;
        var logGroupId = settings["DestinationArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();

        Assert.Equal("Arn", settings["DestinationArn"]!["Fn::GetAtt"]![1]!.GetValue<string>());
        var format = JsonNode.Parse(settings["Format"]!.GetValue<string>())!.AsObject();
        Assert.Equal("$context.requestId", format["requestId"]!.GetValue<string>());
        Assert.Equal("$context.status", format["status"]!.GetValue<string>());
        Assert.Equal("$context.authorizer.error", format["authorizerError"]!.GetValue<string>());
        var logGroup = synthesized.Json["Resources"]![logGroupId]!;
        Assert.Equal("AWS::Logs::LogGroup", logGroup["Type"]!.GetValue<string>());
        Assert.Equal(14, logGroup["Properties"]!["RetentionInDays"]!.GetValue<int>());
        Assert.Equal("Delete", logGroup["DeletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Stage_AccessLogFormat_CarriesNoClaimsOrHeaders()
    {
        var (_, stage) = synthesized.Single("AWS::ApiGatewayV2::Stage");
        var format = stage["Properties"]!["AccessLogSettings"]!["Format"]!.GetValue<string>();

        Assert.DoesNotContain("claims", format, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("header", format, StringComparison.OrdinalIgnoreCase);
    }

    private (string LogicalId, JsonObject Resource) Route(string routeKey) =>
        Assert.Single(synthesized.Resources("AWS::ApiGatewayV2::Route"), r => r.Resource["Properties"]!["RouteKey"]!.GetValue<string>() == routeKey);

    private static Dictionary<string, object> Ref(string logicalId) => new() { ["Ref"] = logicalId };

    private static Dictionary<string, object> GetAtt(string logicalId, string attribute) =>
        new() { ["Fn::GetAtt"] = new object[] { logicalId, attribute } };
}
