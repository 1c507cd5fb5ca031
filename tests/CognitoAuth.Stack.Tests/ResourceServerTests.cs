using System.Text.Json.Nodes;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class ResourceServerTests(SynthesizedStack synthesized)
{
    [Fact]
    public void ResourceServer_Template_IsOneServerOfThePoolWithTheHelloReadScope()
    {
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");
        var (_, server) = synthesized.Single("AWS::Cognito::UserPoolResourceServer");
        var properties = server["Properties"]!;

        Assert.Equal("cognito-auth-api", properties["Identifier"]!.GetValue<string>());
        Assert.Equal(ReferenceStack.ResourceServer.Name, properties["Name"]!.GetValue<string>());
        Assert.Equal(poolId, properties["UserPoolId"]!["Ref"]!.GetValue<string>());
        var scope = Assert.Single(properties["Scopes"]!.AsArray());
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["ScopeDescription"] = ReferenceStack.ResourceServer.Scopes[0].Description, ["ScopeName"] = "hello.read" },
            scope));
        Assert.Equal("cognito-auth-api/hello.read", ReferenceStack.HelloReadScope);
    }
}
