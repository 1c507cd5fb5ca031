using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using CognitoAuth.Reference;
using Constructs;

namespace CognitoAuth.Stack.Identity;

/// <summary>The user pool and its app client, as <see cref="ReferenceStack.UserPool"/> and <see cref="ReferenceStack.AppClient"/> define them.</summary>
internal sealed class UserPoolIdentity : Construct
{
    public UserPoolIdentity(Construct scope, string id)
        : base(scope, id)
    {
        var pool = ReferenceStack.UserPool;
        var policy = pool.PasswordPolicy;
        UserPool = new UserPool(this, "UserPool", new UserPoolProps
        {
            UserPoolName = pool.Name,
            SignInAliases = new SignInAliases { Email = pool.SignInWithEmailAsUsername, Username = !pool.SignInWithEmailAsUsername },
            SelfSignUpEnabled = pool.SelfSignUpEnabled,
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = policy.MinimumLength,
                RequireLowercase = policy.RequireLowercase,
                RequireUppercase = policy.RequireUppercase,
                RequireDigits = policy.RequireDigits,
                RequireSymbols = policy.RequireSymbols,
                TempPasswordValidity = Duration.Days(policy.TemporaryPasswordValidity.TotalDays),
            },
            AccountRecovery = pool.AccountRecoveryByEmailOnly ? AccountRecovery.EMAIL_ONLY : AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL,
            // A reference deployment: `bin/destroy` must leave nothing behind.
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        var client = ReferenceStack.AppClient;
        Client = UserPool.AddClient("AppClient", new UserPoolClientOptions
        {
            UserPoolClientName = client.Name,
            AuthFlows = AuthFlowsOf(client.ExplicitAuthFlows),
            GenerateSecret = client.GenerateSecret,
            PreventUserExistenceErrors = client.PreventUserExistenceErrors,
            EnableTokenRevocation = client.EnableTokenRevocation,
            AccessTokenValidity = Duration.Minutes(client.AccessTokenValidity.TotalMinutes),
            IdTokenValidity = Duration.Minutes(client.IdTokenValidity.TotalMinutes),
            RefreshTokenValidity = Duration.Minutes(client.RefreshTokenValidity.TotalMinutes),
            // API-only client: no hosted UI, so no OAuth flows or callback URLs (CDK would otherwise enable them).
            DisableOAuth = true,
        });
    }

    public UserPool UserPool { get; }

    public UserPoolClient Client { get; }

    /// <summary>
    /// Maps the definition's Cognito flow names onto the L2's switches; a name the L2 cannot express fails the
    /// synth rather than being dropped. CDK always adds <c>ALLOW_REFRESH_TOKEN_AUTH</c>, which Cognito requires.
    /// </summary>
    internal static AuthFlow AuthFlowsOf(IReadOnlyCollection<string> flows)
    {
        string[] known = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
        var unknown = flows.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The app client's auth flows include ones the stack cannot deploy: {string.Join(", ", unknown)}.", nameof(flows));
        }

        if (!flows.Contains("ALLOW_REFRESH_TOKEN_AUTH", StringComparer.Ordinal))
        {
            throw new ArgumentException("Cognito requires ALLOW_REFRESH_TOKEN_AUTH among an app client's auth flows.", nameof(flows));
        }

        return new AuthFlow
        {
            AdminUserPassword = flows.Contains("ALLOW_ADMIN_USER_PASSWORD_AUTH", StringComparer.Ordinal),
            UserPassword = flows.Contains("ALLOW_USER_PASSWORD_AUTH", StringComparer.Ordinal),
            UserSrp = flows.Contains("ALLOW_USER_SRP_AUTH", StringComparer.Ordinal),
            Custom = flows.Contains("ALLOW_CUSTOM_AUTH", StringComparer.Ordinal),
        };
    }
}
