using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

public sealed class ExplicitAuthFlowsTests
{
    [Fact]
    public void Deployed_RotationOff_IsTheDefinitionAsIs()
    {
        Assert.Equal(ReferenceStack.AppClient.ExplicitAuthFlows, ExplicitAuthFlows.Deployed(ReferenceStack.AppClient.ExplicitAuthFlows, refreshTokenRotation: false));
    }

    [Fact]
    public void Deployed_RotationOn_LeavesOutRefreshTokenAuthOnly()
    {
        var flows = ExplicitAuthFlows.Deployed(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"], refreshTokenRotation: true);

        Assert.Equal(["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"], flows);
    }

    [Fact]
    public void Deployed_NoFlowsDefined_IsRefreshAloneRatherThanCognitosDefaults()
    {
        Assert.Equal(["ALLOW_REFRESH_TOKEN_AUTH"], ExplicitAuthFlows.Deployed([], refreshTokenRotation: false));
    }

    [Fact]
    public void Deployed_NoFlowsDefinedWithRotation_Throws()
    {
        Assert.Throws<ArgumentException>(() => ExplicitAuthFlows.Deployed([], refreshTokenRotation: true));
    }

    [Fact]
    public void Deployed_UnknownFlow_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => ExplicitAuthFlows.Deployed(["ALLOW_REFRESH_TOKEN_AUTH", "ADMIN_NO_SRP_AUTH"], refreshTokenRotation: false));

        Assert.Contains("ADMIN_NO_SRP_AUTH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployed_WithoutRefreshAndRotationOff_ThrowsAsCognitoWould()
    {
        var ex = Assert.Throws<ArgumentException>(() => ExplicitAuthFlows.Deployed(["ALLOW_USER_SRP_AUTH"], refreshTokenRotation: false));

        Assert.Contains("ALLOW_REFRESH_TOKEN_AUTH", ex.Message, StringComparison.Ordinal);
    }
}
