using CognitoAuth.Stack.Identity;

namespace CognitoAuth.Stack.Tests;

public sealed class AuthFlowsTests
{
    [Fact]
    public void AuthFlowsOf_ReferenceFlows_SwitchOnAdminAndUserPasswordOnly()
    {
        var flows = UserPoolIdentity.AuthFlowsOf(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);

        Assert.True(flows.AdminUserPassword);
        Assert.True(flows.UserPassword);
        Assert.False(flows.UserSrp ?? false);
        Assert.False(flows.Custom ?? false);
    }

    [Fact]
    public void AuthFlowsOf_UnknownFlow_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => UserPoolIdentity.AuthFlowsOf(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"]));

        Assert.Contains("ALLOW_USER_AUTH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthFlowsOf_WithoutRefresh_Throws()
    {
        Assert.Throws<ArgumentException>(() => UserPoolIdentity.AuthFlowsOf(["ALLOW_ADMIN_USER_PASSWORD_AUTH"]));
    }
}
