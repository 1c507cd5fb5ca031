using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class AppClientTests(SynthesizedStack synthesized)
{
    private const string Client = "AWS::Cognito::UserPoolClient";

    [Fact]
    public void AppClient_Template_HasOneClientOfThePool()
    {
        var (poolId, _) = synthesized.Single("AWS::Cognito::UserPool");

        synthesized.Template.ResourceCountIs(Client, 1);
        synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object>
        {
            ["ClientName"] = ReferenceStack.AppClient.Name,
            ["UserPoolId"] = new Dictionary<string, object> { ["Ref"] = poolId },
        });
    }

    [Fact]
    public void AppClient_AuthFlows_AreExactlyTheDefinitionsAdminUserPasswordSrpAndRefresh()
    {
        var (_, client) = synthesized.Single(Client);

        var flows = client["Properties"]!["ExplicitAuthFlows"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
            flows);
        Assert.Equal(ReferenceStack.AppClient.ExplicitAuthFlows.Order(StringComparer.Ordinal), flows);
    }

    [Fact]
    public void AppClient_Secret_IsNotGenerated()
    {
        synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object> { ["GenerateSecret"] = false });
    }

    [Fact]
    public void AppClient_UserExistenceErrors_ArePrevented()
    {
        synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object> { ["PreventUserExistenceErrors"] = "ENABLED" });
    }

    [Fact]
    public void AppClient_TokenRevocation_IsEnabled()
    {
        synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object> { ["EnableTokenRevocation"] = true });
    }

    [Fact]
    public void AppClient_TokenValidity_IsAnHourForAccessAndIdAndThirtyDaysForRefresh_InMinutes()
    {
        synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object>
        {
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
    public void AppClient_OAuth_IsOffForAnApiOnlyClient()
    {
        synthesized.Template.HasResourceProperties(Client, new Dictionary<string, object>
        {
            ["AllowedOAuthFlowsUserPoolClient"] = false,
            ["AllowedOAuthFlows"] = Match.Absent(),
            ["CallbackURLs"] = Match.Absent(),
        });
    }
}
