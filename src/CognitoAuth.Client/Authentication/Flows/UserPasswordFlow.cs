using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary><see cref="CognitoAuthFlow.UserPassword"/>: <c>InitiateAuth</c> with <c>USER_PASSWORD_AUTH</c>, unsigned.</summary>
internal sealed class UserPasswordFlow(PublicAuthChannel channel, RefreshTokenRenewal refresh) : PasswordFlow(channel, refresh, AuthFlowType.UserPasswordAuth)
{
    public override CognitoAuthFlow AuthFlow => CognitoAuthFlow.UserPassword;

    public override string Name => "user_password";
}
