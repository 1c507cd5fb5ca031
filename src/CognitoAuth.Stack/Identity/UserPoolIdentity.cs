using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Lambda;
using CognitoAuth.Reference;
using Constructs;

namespace CognitoAuth.Stack.Identity;

/// <summary>
/// The user pool with its domain, resource server and two app clients, as <see cref="ReferenceStack"/> defines them: the
/// user client (<see cref="ReferenceStack.AppClient"/>) and the machine client (<see cref="ReferenceStack.MachineClient"/>); its
/// pre token generation trigger (version <see cref="ReferenceStack.TokenTriggerVersion"/>, hence the feature plan
/// <see cref="ReferenceStack.FeaturePlan"/>) and the group <see cref="ReferenceStack.ReadersGroup"/>.
/// </summary>
internal sealed class UserPoolIdentity : Construct
{
    public UserPoolIdentity(Construct scope, string id, IFunction tokenTrigger, bool refreshTokenRotation, TimeSpan refreshTokenRotationGracePeriod)
        : base(scope, id)
    {
        var pool = ReferenceStack.UserPool;
        var policy = pool.PasswordPolicy;
        UserPool = new UserPool(this, "UserPool", new UserPoolProps
        {
            UserPoolName = pool.Name,
            SignInAliases = new SignInAliases { Email = pool.SignInWithEmailAsUsername, Username = !pool.SignInWithEmailAsUsername },
            SelfSignUpEnabled = pool.SelfSignUpEnabled,
            SignInCaseSensitive = pool.CaseSensitiveSignIn,
            UserVerification = new UserVerificationConfig
            {
                EmailSubject = pool.VerificationEmailSubject,
                EmailBody = pool.VerificationMessage,
                EmailStyle = VerificationEmailStyle.CODE,
                SmsMessage = pool.VerificationMessage,
            },
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
            Mfa = MfaOf(pool.Mfa),
            MfaSecondFactor = pool.Mfa == MfaDefinition.Off ? null : new MfaSecondFactor { Otp = pool.SoftwareTokenMfa, Sms = pool.SmsMfa },
            // Without SMS as a factor (and no phone sign-in) Cognito sends no SMS: no role for it to assume.
            EnableSmsRole = pool.SmsMfa ? null : false,
            // A reference deployment: `bin/destroy` must leave nothing behind.
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        // The version 2 event (access token customization) needs the Essentials or Plus feature plan; CDK 2.160 predates
        // the property. Written explicitly rather than left to the default plan, which is not the same for every pool (an
        // older pool updated in place keeps its plan).
        ((CfnUserPool)UserPool.Node.DefaultChild!).AddPropertyOverride("UserPoolTier", ReferenceStack.FeaturePlan);
        // LambdaConfig.PreTokenGenerationConfig {LambdaArn, LambdaVersion}, and the function's resource policy that lets
        // cognito-idp.amazonaws.com invoke it for this pool only (source ARN: the pool's, resolved late, so no cycle).
        UserPool.AddTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, tokenTrigger, LambdaVersionOf(ReferenceStack.TokenTriggerVersion));

        var readers = ReferenceStack.ReadersGroup;
        ReadersGroup = new CfnUserPoolGroup(this, "ReadersGroup", new CfnUserPoolGroupProps
        {
            UserPoolId = UserPool.UserPoolId,
            GroupName = readers.Name,
            Description = readers.Description,
        });

        Domain = UserPool.AddDomain("Domain", new UserPoolDomainOptions
        {
            CognitoDomain = new CognitoDomainOptions { DomainPrefix = DomainPrefix.For(ReferenceStack.DomainPrefixStem) },
        });
        // Version 1 is the classic hosted UI: /login works without a branding resource and on every feature plan. CDK 2.160
        // predates the property.
        ((CfnUserPoolDomain)Domain.Node.DefaultChild!).AddPropertyOverride("ManagedLoginVersion", 1);

        var server = ReferenceStack.ResourceServer;
        ResourceServer = UserPool.AddResourceServer("ResourceServer", new UserPoolResourceServerOptions
        {
            Identifier = server.Identifier,
            UserPoolResourceServerName = server.Name,
            Scopes = [.. server.Scopes.Select(s => new ResourceServerScope(new ResourceServerScopeProps { ScopeName = s.Name, ScopeDescription = s.Description }))],
        });

        Client = AddClient("AppClient", ReferenceStack.AppClient, refreshTokenRotation);
        RefreshTokenRotation.Apply((CfnUserPoolClient)Client.Node.DefaultChild!, refreshTokenRotation, refreshTokenRotationGracePeriod);
        MachineClient = AddClient("MachineClient", ReferenceStack.MachineClient, refreshTokenRotation: false);
    }

    public UserPool UserPool { get; }

    /// <summary>The group whose members' access tokens carry the hello.read scope (through the trigger).</summary>
    public CfnUserPoolGroup ReadersGroup { get; }

    /// <summary>The pool's prefix domain: managed login and the OAuth 2.0 endpoints (<c>/oauth2/token</c>, …).</summary>
    public UserPoolDomain Domain { get; }

    public UserPoolResourceServer ResourceServer { get; }

    /// <summary>The user app client (no secret).</summary>
    public UserPoolClient Client { get; }

    /// <summary>The machine app client (secret, client-credentials grant only).</summary>
    public UserPoolClient MachineClient { get; }

    private UserPoolClient AddClient(string id, AppClientDefinition client, bool refreshTokenRotation)
    {
        var oauth = OAuth.SettingsOf(client, ResourceServer, ReferenceStack.ResourceServer);
        var added = UserPool.AddClient(id, new UserPoolClientOptions
        {
            UserPoolClientName = client.Name,
            GenerateSecret = client.GenerateSecret,
            PreventUserExistenceErrors = client.PreventUserExistenceErrors,
            EnableTokenRevocation = client.EnableTokenRevocation,
            AccessTokenValidity = Duration.Minutes(client.AccessTokenValidity.TotalMinutes),
            IdTokenValidity = Duration.Minutes(client.IdTokenValidity.TotalMinutes),
            RefreshTokenValidity = Duration.Minutes(client.RefreshTokenValidity.TotalMinutes),
            OAuth = oauth,
            // CDK would otherwise switch OAuth on with its own defaults (code and implicit grants, every scope).
            DisableOAuth = oauth is null,
        });
        // Set on the L1 so the template holds exactly the deployed list (the L2 always adds ALLOW_REFRESH_TOKEN_AUTH).
        ((CfnUserPoolClient)added.Node.DefaultChild!).ExplicitAuthFlows = [.. ExplicitAuthFlows.Deployed(client.ExplicitAuthFlows, refreshTokenRotation)];
        return added;
    }

    /// <summary>The trigger event version the L2 knows; one it does not fails the synth rather than deploying another.</summary>
    internal static LambdaVersion LambdaVersionOf(string version) => version switch
    {
        "V1_0" => LambdaVersion.V1_0,
        "V2_0" => LambdaVersion.V2_0,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "CDK 2.160 can configure pre token generation V1_0 or V2_0 only."),
    };

    private static Mfa MfaOf(MfaDefinition mfa) => mfa switch
    {
        MfaDefinition.Off => Mfa.OFF,
        MfaDefinition.Optional => Mfa.OPTIONAL,
        MfaDefinition.On => Mfa.REQUIRED,
        _ => throw new ArgumentOutOfRangeException(nameof(mfa), mfa, "Unknown MFA configuration."),
    };
}
