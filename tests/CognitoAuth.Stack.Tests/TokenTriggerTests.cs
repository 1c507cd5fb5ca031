using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

/// <summary>The reference trigger (Contract 5): the function, the pool's LambdaConfig and feature plan, the permission, the group.</summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class TokenTriggerTests(SynthesizedStack synthesized)
{
    [Fact]
    public void TokenTrigger_Function_RunsTheReferenceHandlerFromTheApiFunctionsCodeAndRuntime()
    {
        var api = synthesized.ApiFunction.Resource["Properties"]!;
        var trigger = synthesized.TokenTrigger.Resource["Properties"]!;

        Assert.Equal("CognitoAuth.Function::CognitoAuth.Function.ReaderScopeTrigger::Handle", trigger["Handler"]!.GetValue<string>());
        Assert.Equal(api["Runtime"]!.GetValue<string>(), trigger["Runtime"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(api["Code"], trigger["Code"]), trigger["Code"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(api["Architectures"], trigger["Architectures"]));
        Assert.Equal((int)ReferenceStack.TokenTrigger.Timeout.TotalSeconds, trigger["Timeout"]!.GetValue<int>());
    }

    [Fact]
    public void UserPool_LambdaConfig_RunsTheTriggerForPreTokenGenerationVersion2()
    {
        var (_, pool) = synthesized.Single("AWS::Cognito::UserPool");
        var config = pool["Properties"]!["LambdaConfig"]!.AsObject();

        var expected = new JsonObject
        {
            ["PreTokenGenerationConfig"] = new JsonObject
            {
                ["LambdaArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(synthesized.TokenTrigger.LogicalId, "Arn") },
                ["LambdaVersion"] = "V2_0",
            },
        };
        // CDK's L2 also writes the legacy PreTokenGeneration key for the same function; either way, the one function.
        config.Remove("PreTokenGeneration");
        Assert.True(JsonNode.DeepEquals(expected, config), config.ToJsonString());
    }

    [Fact]
    public void UserPool_FeaturePlan_IsEssentialsWhichVersion2Needs()
    {
        synthesized.Template.HasResourceProperties("AWS::Cognito::UserPool", new Dictionary<string, object>
        {
            ["UserPoolTier"] = "ESSENTIALS",
        });
    }

    [Fact]
    public void TokenTrigger_Permission_LetsCognitoInvokeItForThisPoolOnly()
    {
        var permissions = synthesized.Resources("AWS::Lambda::Permission")
            .Where(p => p.Resource["Properties"]!["Principal"]!.GetValue<string>() == "cognito-idp.amazonaws.com").ToList();

        var (_, permission) = Assert.Single(permissions);
        var properties = permission["Properties"]!;
        Assert.Equal("lambda:InvokeFunction", properties["Action"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["Fn::GetAtt"] = new JsonArray(synthesized.TokenTrigger.LogicalId, "Arn") }, properties["FunctionName"]));
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Fn::GetAtt"] = new JsonArray(poolId, "Arn") }, properties["SourceArn"]),
            properties["SourceArn"]?.ToJsonString());
    }

    [Fact]
    public void ReadersGroup_IsInThePoolWithTheDefinitionsName()
    {
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");

        synthesized.Template.ResourceCountIs("AWS::Cognito::UserPoolGroup", 1);
        synthesized.Template.HasResourceProperties("AWS::Cognito::UserPoolGroup", new Dictionary<string, object>
        {
            ["GroupName"] = "readers",
            ["UserPoolId"] = new Dictionary<string, object> { ["Ref"] = poolId },
            ["Description"] = Match.StringLikeRegexp("cognito-auth-api/hello.read"),
        });
    }
}
