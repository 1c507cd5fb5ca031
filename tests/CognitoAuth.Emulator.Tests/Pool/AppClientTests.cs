using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Tests.Pool;

/// <summary>Which sign-in flows an app client's <c>ExplicitAuthFlows</c> allow, legacy and <c>ALLOW_</c> names alike.</summary>
public sealed class AppClientTests
{
    [Theory]
    [InlineData("ADMIN_NO_SRP_AUTH", true, true, true, false)]
    [InlineData("USER_PASSWORD_AUTH", true, true, false, true)]
    [InlineData("CUSTOM_AUTH_FLOW_ONLY", true, false, false, false)]
    [InlineData("ADMIN_NO_SRP_AUTH USER_PASSWORD_AUTH", true, true, true, true)]
    [InlineData("ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_SRP_AUTH ALLOW_CUSTOM_AUTH", true, true, false, false)]
    [InlineData("ALLOW_ADMIN_USER_PASSWORD_AUTH", false, false, true, false)]
    [InlineData("ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH", true, false, false, true)]
    public void Allows_FlowNames_WhatCognitoLetsIn(string flows, bool refresh, bool srp, bool adminPassword, bool userPassword)
    {
        var client = Client(flows);

        Assert.Equal(refresh, client.AllowsRefreshTokenAuth);
        Assert.Equal(srp, client.AllowsUserSrpAuth);
        Assert.Equal(adminPassword, client.AllowsAdminPasswordAuth);
        Assert.Equal(userPassword, client.AllowsUserPasswordAuth);
    }

    [Fact]
    public void AllowsRefreshTokenAuth_LegacyNamesButRotating_NoAsRotationRulesTheFlowOut()
    {
        var client = Client("USER_PASSWORD_AUTH");
        client.RefreshTokenRotation = RefreshTokenRotation.After(TimeSpan.FromSeconds(10));

        Assert.False(client.AllowsRefreshTokenAuth);
    }

    private static AppClient Client(string flows) => new()
    {
        ClientId = "client",
        Name = "client",
        ExplicitAuthFlows = flows.Split(' ').ToHashSet(StringComparer.Ordinal),
        AccessTokenValidity = TimeSpan.FromHours(1),
        IdTokenValidity = TimeSpan.FromHours(1),
        RefreshTokenValidity = TimeSpan.FromDays(30),
    };
}
