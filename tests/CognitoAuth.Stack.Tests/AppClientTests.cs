using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

/// <summary>The user app client: what a person's sign-in (password, SRP, managed login) relies on.</summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class AppClientTests(SynthesizedStack synthesized)
{
    private const string Client = "AWS::Cognito::UserPoolClient";

    private JsonNode Properties => synthesized.UserClient.Resource["Properties"]!;

    [Fact]
    public void AppClients_Template_HasTheUserAndTheMachineClientOfThePool()
    {
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");

        synthesized.Template.ResourceCountIs(Client, 2);
        foreach (var name in new[] { ReferenceStack.AppClient.Name, ReferenceStack.MachineClient.Name })
        {
            synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object>
            {
                ["ClientName"] = name,
                ["UserPoolId"] = new Dictionary<string, object> { ["Ref"] = poolId },
            });
        }
    }

    [Fact]
    public void AppClient_AuthFlows_AreExactlyTheDefinitionsAdminUserPasswordSrpAndRefresh()
    {
        var flows = Strings(Properties["ExplicitAuthFlows"]).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
            flows);
        Assert.Equal(ReferenceStack.AppClient.ExplicitAuthFlows.Order(StringComparer.Ordinal), flows);
    }

    [Fact]
    public void AppClient_Secret_IsNotGenerated()
    {
        Assert.False(Properties["GenerateSecret"]!.GetValue<bool>());
    }

    [Fact]
    public void AppClient_UserExistenceErrors_ArePrevented()
    {
        Assert.Equal("ENABLED", Properties["PreventUserExistenceErrors"]!.GetValue<string>());
    }

    [Fact]
    public void AppClient_TokenRevocation_IsEnabled()
    {
        Assert.True(Properties["EnableTokenRevocation"]!.GetValue<bool>());
    }

    [Fact]
    public void AppClient_TokenValidity_IsAnHourForAccessAndIdAndThirtyDaysForRefresh_InMinutes()
    {
        synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object>
        {
            ["ClientName"] = ReferenceStack.AppClient.Name,
            ["AccessTokenValidity"] = 60,
            ["IdTokenValidity"] = 60,
            ["RefreshTokenValidity"] = 30 * 24 * 60,
            ["TokenValidityUnits"] = Match.ObjectEquals(new Dictionary<string, object>
            {
                ["AccessToken"] = "minutes",
                ["IdToken"] = "minutes",
                ["RefreshToken"] = "minutes",
            }),
        });
        Assert.Equal(TimeSpan.FromMinutes(60), ReferenceStack.AppClient.AccessTokenValidity);
        Assert.Equal(TimeSpan.FromDays(30), ReferenceStack.AppClient.RefreshTokenValidity);
    }

    [Fact]
    public void AppClient_OAuth_IsTheCodeFlowOnly()
    {
        Assert.True(Properties["AllowedOAuthFlowsUserPoolClient"]!.GetValue<bool>());
        Assert.Equal(["code"], Strings(Properties["AllowedOAuthFlows"]));
    }

    [Fact]
    public void AppClient_OAuthScopes_AreExactlyOpenIdEmailProfileAndTheUserAdminScope()
    {
        var scopes = Strings(Properties["AllowedOAuthScopes"]).Order(StringComparer.Ordinal);

        Assert.Equal(["aws.cognito.signin.user.admin", "email", "openid", "profile"], scopes);
        Assert.Equal(ReferenceStack.UserOAuthScopes.Order(StringComparer.Ordinal), scopes);
    }

    [Fact]
    public void AppClient_CallbackAndLogoutUrls_AreTheLoopbackOnesOfContract2()
    {
        Assert.Equal(["http://localhost:8400/callback"], Strings(Properties["CallbackURLs"]));
        Assert.Equal(["http://localhost:8400/"], Strings(Properties["LogoutURLs"]));
        Assert.Null(Properties["DefaultRedirectURI"]);
    }

    [Fact]
    public void AppClient_ManagedLogin_SignsInThePoolsOwnUsers()
    {
        Assert.Equal(["COGNITO"], Strings(Properties["SupportedIdentityProviders"]));
    }

    [Fact]
    public void AppClient_RefreshTokenRotation_IsExplicitlyDisabledByDefault()
    {
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Feature"] = "DISABLED" }, Properties["RefreshTokenRotation"]));
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(f => f!.GetValue<string>())];
}
