using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

/// <summary>The stack with <c>-c refreshTokenRotation=true</c>: what a deployer switching rotation on gets.</summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class RefreshTokenRotationTests(RotatingSynthesizedStack rotating, SynthesizedStack plain)
{
    [Fact]
    public void Rotation_On_EnablesItOnTheUserClientWithTheReferenceGracePeriod()
    {
        var properties = rotating.UserClient.Resource["Properties"]!;

        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["Feature"] = "ENABLED", ["RetryGracePeriodSeconds"] = 10 },
            properties["RefreshTokenRotation"]));
        Assert.Equal(TimeSpan.FromSeconds(10), ReferenceStack.RefreshTokenRotationGracePeriod);
    }

    [Fact]
    public void Rotation_On_DropsRefreshTokenAuthAndKeepsEverySignInFlow()
    {
        // Cognito refuses REFRESH_TOKEN_AUTH on a rotating client: renewal goes through GetTokensFromRefreshToken.
        var flows = rotating.UserClient.Resource["Properties"]!["ExplicitAuthFlows"]!.AsArray().Select(f => f!.GetValue<string>());

        Assert.Equal(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"], flows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rotation_On_LeavesTheMachineClientAlone()
    {
        Assert.True(JsonNode.DeepEquals(plain.MachineClient.Resource, rotating.MachineClient.Resource));
    }

    [Fact]
    public void Rotation_On_ChangesNothingButTheUserClient()
    {
        var (userClientId, _) = rotating.UserClient;
        var changed = rotating.Json["Resources"]!.AsObject()
            .Where(r => !JsonNode.DeepEquals(r.Value, plain.Json["Resources"]![r.Key]))
            .Select(r => r.Key);

        Assert.Equal([userClientId], changed);
        Assert.True(JsonNode.DeepEquals(plain.Json["Outputs"], rotating.Json["Outputs"]));
    }

    [Fact]
    public void Rotation_Off_IsWrittenAsDisabledSoRedeployingTurnsItOff()
    {
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["Feature"] = "DISABLED" },
            plain.UserClient.Resource["Properties"]!["RefreshTokenRotation"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void Rotation_GracePeriod_IsDeployedAsGiven(int seconds)
    {
        var template = Synthesize(TimeSpan.FromSeconds(seconds));

        template.HasResourceProperties("AWS::Cognito::UserPoolClient", new Dictionary<string, object>
        {
            ["ClientName"] = ReferenceStack.AppClient.Name,
            ["RefreshTokenRotation"] = Match.ObjectEquals(new Dictionary<string, object> { ["Feature"] = "ENABLED", ["RetryGracePeriodSeconds"] = seconds }),
        });
    }

    [Theory]
    [InlineData(61_000)]
    [InlineData(-1_000)]
    [InlineData(1_500)]
    public void Rotation_GracePeriodOutsideWholeSecondsZeroToSixty_FailsTheSynth(int milliseconds)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Synthesize(TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Contains("0 to 60", ex.Message, StringComparison.Ordinal);
    }

    private static Template Synthesize(TimeSpan gracePeriod)
    {
        var folder = Directory.CreateTempSubdirectory("cognitoauth-function-").FullName;
        try
        {
            SynthesizedStack.CreateFunctionFolder(folder);
            return Template.FromStack(new CognitoAuthStack(new App(), ReferenceStack.StackName, new CognitoAuthStackProps
            {
                Env = new Amazon.CDK.Environment { Region = ReferenceStack.DefaultRegion },
                FunctionCodePath = folder,
                RefreshTokenRotation = true,
                RefreshTokenRotationGracePeriod = gracePeriod,
            }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
