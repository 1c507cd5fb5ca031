using System.Text.Json.Nodes;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class UserPoolDomainTests(SynthesizedStack synthesized)
{
    [Fact]
    public void Domain_Prefix_IsTheStemAndTheAccountId()
    {
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");
        var (_, domain) = synthesized.Single("AWS::Cognito::UserPoolDomain");
        var properties = domain["Properties"]!;

        var expected = new JsonObject { ["Fn::Join"] = new JsonArray("-", new JsonArray(ReferenceStack.DomainPrefixStem, new JsonObject { ["Ref"] = "AWS::AccountId" })) };
        Assert.True(JsonNode.DeepEquals(expected, properties["Domain"]), properties["Domain"]!.ToJsonString());
        Assert.Equal(poolId, properties["UserPoolId"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void Domain_Prefix_WithAnyAccountId_IsAValidCognitoPrefix()
    {
        // botocore's DomainType pattern, and the words Cognito refuses in a prefix.
        var prefix = $"{ReferenceStack.DomainPrefixStem}-123456789012";

        Assert.Matches("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$", prefix);
        Assert.All(new[] { "aws", "amazon", "cognito" }, w => Assert.DoesNotContain(w, prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_IsAPrefixDomainWithTheClassicHostedUi()
    {
        var (_, domain) = synthesized.Single("AWS::Cognito::UserPoolDomain");

        Assert.Null(domain["Properties"]!["CustomDomainConfig"]);
        Assert.Equal(1, domain["Properties"]!["ManagedLoginVersion"]!.GetValue<int>());
    }
}
