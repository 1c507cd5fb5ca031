using System.Text.Json.Nodes;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

/// <summary>The machine app client: what a service taking a client-credentials token relies on.</summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class MachineClientTests(SynthesizedStack synthesized)
{
    private JsonNode Properties => synthesized.MachineClient.Resource["Properties"]!;

    [Fact]
    public void MachineClient_Secret_IsGenerated()
    {
        Assert.True(Properties["GenerateSecret"]!.GetValue<bool>());
        Assert.True(ReferenceStack.MachineClient.GenerateSecret);
    }

    [Fact]
    public void MachineClient_OAuth_IsTheClientCredentialsGrantOnly()
    {
        Assert.True(Properties["AllowedOAuthFlowsUserPoolClient"]!.GetValue<bool>());
        Assert.Equal(["client_credentials"], Strings(Properties["AllowedOAuthFlows"]));
    }

    [Fact]
    public void MachineClient_Scope_IsTheResourceServersHelloReadThroughARefToIt()
    {
        var (serverId, server) = synthesized.Single("AWS::Cognito::UserPoolResourceServer");

        var scope = Assert.Single(Properties["AllowedOAuthScopes"]!.AsArray());

        // Ref of a resource server is its Identifier, so the scope is "cognito-auth-api/hello.read"; the Ref also makes
        // CloudFormation create the server (and its scope) before the client that names it.
        var expected = new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray(new JsonObject { ["Ref"] = serverId }, "/hello.read")) };
        Assert.True(JsonNode.DeepEquals(expected, scope), scope!.ToJsonString());
        Assert.Equal(ReferenceStack.HelloReadScope, server["Properties"]!["Identifier"]!.GetValue<string>() + "/hello.read");
        Assert.Equal([ReferenceStack.HelloReadScope], ReferenceStack.MachineClient.AllowedOAuthScopes);
    }

    [Fact]
    public void MachineClient_HasNoRedirectUrls()
    {
        Assert.Null(Properties["CallbackURLs"]);
        Assert.Null(Properties["LogoutURLs"]);
    }

    [Fact]
    public void MachineClient_AuthFlows_AllowNoSignInFlow()
    {
        // Left out, Cognito would allow SRP and custom sign-in through this client; refresh alone lets nothing in, since
        // the client-credentials grant issues no refresh token.
        Assert.Equal(["ALLOW_REFRESH_TOKEN_AUTH"], Strings(Properties["ExplicitAuthFlows"]));
        Assert.Empty(ReferenceStack.MachineClient.ExplicitAuthFlows);
    }

    [Fact]
    public void MachineClient_UserExistenceErrorsAndRevocation_FollowTheDefinition()
    {
        Assert.Equal("ENABLED", Properties["PreventUserExistenceErrors"]!.GetValue<string>());
        Assert.True(Properties["EnableTokenRevocation"]!.GetValue<bool>());
        Assert.Equal(60, Properties["AccessTokenValidity"]!.GetValue<int>());
    }

    [Fact]
    public void MachineClient_RefreshTokenRotation_IsNotSet()
    {
        Assert.Null(Properties["RefreshTokenRotation"]);
    }

    [Fact]
    public void MachineClient_Secret_IsReadByNoResourceAndNoOutput()
    {
        // CDK's userPoolClientSecret would add a custom resource that reads the secret into the template's reach.
        var json = synthesized.Json.ToJsonString();

        Assert.DoesNotContain("ClientSecret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("DescribeCognitoUserPoolClient", json, StringComparison.Ordinal);
        Assert.DoesNotContain(synthesized.Json["Resources"]!.AsObject(), r => r.Value!["Type"]!.GetValue<string>().StartsWith("Custom::", StringComparison.Ordinal));
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(f => f!.GetValue<string>())];
}
