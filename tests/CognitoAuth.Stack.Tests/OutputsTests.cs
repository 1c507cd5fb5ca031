using System.Text.Json.Nodes;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class OutputsTests(SynthesizedStack synthesized)
{
    private JsonObject Outputs => synthesized.Json["Outputs"]!.AsObject();

    [Fact]
    public void Outputs_Names_AreExactlyContract2()
    {
        Assert.Equal(
            [StackOutputs.ApiUrl, StackOutputs.MachineClientId, StackOutputs.Region, StackOutputs.TokenEndpoint, StackOutputs.UserPoolClientId, StackOutputs.UserPoolId],
            Outputs.Select(o => o.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Region_Output_IsTheStacksRegion()
    {
        Assert.Equal("ap-northeast-1", Outputs[StackOutputs.Region]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public void UserPoolId_Output_RefersToThePool()
    {
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");

        Assert.Equal(poolId, Outputs[StackOutputs.UserPoolId]!["Value"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void UserPoolClientId_Output_RefersToTheAppClient()
    {
        var (clientId, _) = synthesized.UserClient;

        Assert.Equal(clientId, Outputs[StackOutputs.UserPoolClientId]!["Value"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void MachineClientId_Output_RefersToTheMachineClient()
    {
        var (clientId, _) = synthesized.MachineClient;

        Assert.Equal(clientId, Outputs[StackOutputs.MachineClientId]!["Value"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void TokenEndpoint_Output_IsThePoolDomainsOAuth2TokenUrl()
    {
        var (domainId, _) = synthesized.Single("AWS::Cognito::UserPoolDomain");

        // Ref of a prefix domain is the prefix: https://{prefix}.auth.{region}.amazoncognito.com/oauth2/token.
        var expected = new JsonObject
        {
            ["Fn::Join"] = new JsonArray(
                "",
                new JsonArray("https://", new JsonObject { ["Ref"] = domainId }, ".auth.ap-northeast-1.amazoncognito.com/oauth2/token")),
        };
        Assert.True(JsonNode.DeepEquals(expected, Outputs[StackOutputs.TokenEndpoint]!["Value"]), Outputs[StackOutputs.TokenEndpoint]!.ToJsonString());
    }

    [Fact]
    public void Outputs_None_IsASecret()
    {
        Assert.DoesNotContain(StackOutputs.MachineClientSecret, Outputs.Select(o => o.Key));
        Assert.All(Outputs, o => Assert.DoesNotContain("Secret", o.Value!["Value"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ApiUrl_Output_IsTheDefaultStageUrlEndingWithSlash()
    {
        var (apiId, _) = synthesized.Single("AWS::ApiGatewayV2::Api");

        var expected = new JsonObject
        {
            ["Fn::Join"] = new JsonArray(
                "",
                new JsonArray("https://", new JsonObject { ["Ref"] = apiId }, ".execute-api.ap-northeast-1.", new JsonObject { ["Ref"] = "AWS::URLSuffix" }, "/")),
        };
        Assert.True(JsonNode.DeepEquals(expected, Outputs[StackOutputs.ApiUrl]!["Value"]), Outputs[StackOutputs.ApiUrl]!.ToJsonString());
    }

    [Fact]
    public void Outputs_All_AreDescribed()
    {
        Assert.All(Outputs, o => Assert.False(string.IsNullOrWhiteSpace(o.Value!["Description"]?.GetValue<string>()), o.Key));
    }
}
