using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary><see cref="CognitoAuthFlow.AdminUserPassword"/>: <c>AdminInitiateAuth</c> with <c>ADMIN_USER_PASSWORD_AUTH</c>, signed with AWS credentials.</summary>
internal sealed class AdminUserPasswordFlow(AdminAuthChannel channel, RefreshTokenRenewal refresh) : PasswordFlow(channel, refresh, AuthFlowType.AdminUserPasswordAuth)
{
    public override CognitoAuthFlow AuthFlow => CognitoAuthFlow.AdminUserPassword;

    public override string Name => "admin_user_password";

    public override void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors)
    {
        FlowRules.RequireUser(options, errors);
        FlowRules.RequireUserPoolId(options, errors, "the admin operations name it (or set AuthFlow to UserPassword)");
    }
}
