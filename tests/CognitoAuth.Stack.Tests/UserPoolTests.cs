using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class UserPoolTests(SynthesizedStack synthesized)
{
    private const string UserPool = "AWS::Cognito::UserPool";

    [Fact]
    public void UserPool_Template_HasExactlyOnePoolNamedByTheDefinition()
    {
        synthesized.Template.ResourceCountIs(UserPool, 1);
        synthesized.Template.HasResourceProperties(UserPool, new Dictionary<string, object>
        {
            ["UserPoolName"] = ReferenceStack.UserPool.Name,
        });
    }

    [Fact]
    public void UserPool_SignIn_UsesEmailAsUsername()
    {
        synthesized.Template.HasResourceProperties(UserPool, new Dictionary<string, object>
        {
            ["UsernameAttributes"] = Match.ArrayEquals(["email"]),
            ["AliasAttributes"] = Match.Absent(),
        });
    }

    [Fact]
    public void UserPool_SelfSignUp_IsDisabled()
    {
        synthesized.Template.HasResourceProperties(UserPool, new Dictionary<string, object>
        {
            ["AdminCreateUserConfig"] = new Dictionary<string, object> { ["AllowAdminCreateUserOnly"] = true },
        });
    }

    [Fact]
    public void UserPool_PasswordPolicy_MatchesTheDefinitionAndRequiresEveryCharacterClass()
    {
        var policy = ReferenceStack.UserPool.PasswordPolicy;
        Assert.True(policy.MinimumLength >= 8); // cdk-nag AwsSolutions-COG1
        Assert.True(policy.RequireLowercase && policy.RequireUppercase && policy.RequireDigits && policy.RequireSymbols);

        synthesized.Template.HasResourceProperties(UserPool, new Dictionary<string, object>
        {
            ["Policies"] = new Dictionary<string, object>
            {
                ["PasswordPolicy"] = Match.ObjectEquals(new Dictionary<string, object>
                {
                    ["MinimumLength"] = policy.MinimumLength,
                    ["RequireLowercase"] = true,
                    ["RequireUppercase"] = true,
                    ["RequireNumbers"] = true,
                    ["RequireSymbols"] = true,
                    ["TemporaryPasswordValidityDays"] = (int)policy.TemporaryPasswordValidity.TotalDays,
                }),
            },
        });
    }

    [Fact]
    public void UserPool_AccountRecovery_IsByVerifiedEmailOnly()
    {
        synthesized.Template.HasResourceProperties(UserPool, new Dictionary<string, object>
        {
            ["AccountRecoverySetting"] = Match.ObjectEquals(new Dictionary<string, object>
            {
                ["RecoveryMechanisms"] = Match.ArrayEquals([new Dictionary<string, object> { ["Name"] = "verified_email", ["Priority"] = 1 }]),
            }),
        });
    }

    [Fact]
    public void UserPool_RemovalPolicy_IsDeleteSoDestroyLeavesNothing()
    {
        synthesized.Template.HasResource(UserPool, new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Delete",
            ["UpdateReplacePolicy"] = "Delete",
        });
        var (_, pool) = synthesized.Single(UserPool);
        Assert.NotEqual("ACTIVE", pool["Properties"]!["DeletionProtection"]?.GetValue<string>());
    }

    [Fact]
    public void UserPool_Mfa_IsOptionalWithSoftwareTokensOnly()
    {
        var (_, pool) = synthesized.Single(UserPool);

        Assert.Equal("OPTIONAL", pool["Properties"]!["MfaConfiguration"]!.GetValue<string>());
        Assert.Equal(["SOFTWARE_TOKEN_MFA"], pool["Properties"]!["EnabledMfas"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(MfaDefinition.Optional, ReferenceStack.UserPool.Mfa);
    }

    [Fact]
    public void UserPool_Sms_HasNoConfigurationAndNoRole()
    {
        var (_, pool) = synthesized.Single(UserPool);

        Assert.Null(pool["Properties"]!["SmsConfiguration"]);
        // No role Cognito could assume to send SMS (the trigger's invoke permission names Cognito too, but is no role).
        Assert.All(synthesized.Resources("AWS::IAM::Role"), r => Assert.DoesNotContain(
            "cognito-idp.amazonaws.com", r.Resource["Properties"]!["AssumeRolePolicyDocument"]!.ToJsonString(), StringComparison.Ordinal));
    }
}
