using CognitoAuth.Reference;
using CognitoAuth.Stack.Identity;

namespace CognitoAuth.Stack.Tests;

/// <summary>In the synthesized-stack collection: building an <c>OAuthScope</c> calls into the one jsii runtime.</summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class OAuthTests
{
    [Fact]
    public void FlowsOf_Code_SwitchesOnTheCodeGrantOnly()
    {
        var flows = OAuth.FlowsOf(["code"]);

        Assert.True(flows.AuthorizationCodeGrant);
        Assert.False(flows.ImplicitCodeGrant);
        Assert.False(flows.ClientCredentials);
    }

    [Fact]
    public void FlowsOf_ClientCredentials_SwitchesOnThatGrantOnly()
    {
        var flows = OAuth.FlowsOf(["client_credentials"]);

        Assert.True(flows.ClientCredentials);
        Assert.False(flows.AuthorizationCodeGrant);
        Assert.False(flows.ImplicitCodeGrant);
    }

    [Fact]
    public void FlowsOf_UnknownFlow_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => OAuth.FlowsOf(["password"]));

        Assert.Contains("password", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("aws.cognito.signin.user.admin")]
    public void ScopeOf_StandardScope_IsItsName(string scope)
    {
        Assert.Equal(scope, OAuth.ScopeOf(scope, null!, ReferenceStack.ResourceServer).ScopeName);
    }

    [Theory]
    [InlineData("hello.read")]
    [InlineData("other-api/hello.read")]
    [InlineData("cognito-auth-api/hello.write")]
    public void ScopeOf_NeitherStandardNorTheResourceServers_ThrowsNamingIt(string scope)
    {
        var ex = Assert.Throws<ArgumentException>(() => OAuth.ScopeOf(scope, null!, ReferenceStack.ResourceServer));

        Assert.Contains(scope, ex.Message, StringComparison.Ordinal);
    }
}
