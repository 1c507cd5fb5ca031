using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// The <c>AWS::Cognito::*</c> resource types. Each is created by the very operation the wire serves (CreateUserPool,
/// CreateUserPoolClient, …): the resolved properties become that operation's JSON request, so a template's pool is
/// validated and configured exactly as <c>aws cognito-idp create-user-pool</c> would configure it. CloudFormation's
/// names differ from the API's in a few places (<c>UserPoolName</c> is <c>PoolName</c>); <c>EnabledMfas</c> is
/// SetUserPoolMfaConfig's part, applied right after.
/// </summary>
internal sealed class CognitoResource(
    string name,
    string operation,
    IReadOnlyList<string> properties,
    Func<JsonObject, JsonNode, DeploymentContext, TemplateResource, DeployedResource> created,
    IReadOnlyDictionary<string, string>? renames = null,
    Func<JsonObject, DeploymentContext, TemplateResource, CancellationToken, Task>? complete = null,
    Action<JsonObject, TemplateResource>? defaults = null) : ResourceType
{
    public override string Name => name;

    public override IReadOnlyList<string> Properties => properties;

    public override async Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject given, DeployedResource? previous, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            // Kept in the data directory; the state file brought it back.
            return previous;
        }

        var request = new JsonObject();
        foreach (var (key, value) in given)
        {
            // EnabledMfas belongs to SetUserPoolMfaConfig, applied once the pool exists.
            if (properties.Contains(key, StringComparer.Ordinal) && key != "EnabledMfas")
            {
                request[renames?.GetValueOrDefault(key) ?? key] = value?.DeepClone();
            }
        }

        defaults?.Invoke(request, resource);
        var answer = await context.InvokeAsync(operation, request, $"{resource.Location}.Properties", cancellationToken).ConfigureAwait(false);
        var deployed = created(request, answer, context, resource);
        if (complete is not null)
        {
            await complete(given, context, new TemplateResource(resource.LogicalId, resource.Type, new JsonObject { ["UserPoolId"] = deployed.Ref }, [], null, null), cancellationToken)
                .ConfigureAwait(false);
        }

        return deployed;
    }

    public static CognitoResource UserPool { get; } = new(
        "AWS::Cognito::UserPool",
        "CreateUserPool",
        [
            "UserPoolName", "Policies", "DeletionProtection", "LambdaConfig", "AutoVerifiedAttributes", "AliasAttributes", "UsernameAttributes",
            "SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject", "VerificationMessageTemplate", "SmsAuthenticationMessage",
            "MfaConfiguration", "EnabledMfas", "UserAttributeUpdateSettings", "DeviceConfiguration", "EmailConfiguration", "SmsConfiguration", "UserPoolTags",
            "AdminCreateUserConfig", "Schema", "UserPoolAddOns", "UsernameConfiguration", "AccountRecoverySetting", "UserPoolTier",
        ],
        (request, answer, context, resource) =>
        {
            var id = answer["UserPool"]!["Id"]!.GetValue<string>();
            context.CreatedPool(id);
            return new DeployedResource(resource.LogicalId, resource.Type, id, Attributes(
                ("Arn", answer["UserPool"]!["Arn"]!.GetValue<string>()),
                ("ProviderName", $"cognito-idp.{context.Pseudo.Region}.amazonaws.com/{id}"),
                ("ProviderURL", $"https://cognito-idp.{context.Pseudo.Region}.amazonaws.com/{id}"),
                ("UserPoolId", id)));
        },
        renames: new Dictionary<string, string> { ["UserPoolName"] = "PoolName" },
        complete: async (given, context, pool, cancellationToken) =>
        {
            if (given["EnabledMfas"] is null)
            {
                return;
            }

            var enabled = Strings(given, "EnabledMfas", pool);
            var mfa = new JsonObject
            {
                ["UserPoolId"] = pool.Properties["UserPoolId"]!.DeepClone(),
                ["SoftwareTokenMfaConfiguration"] = new JsonObject { ["Enabled"] = enabled.Contains("SOFTWARE_TOKEN_MFA") },
            };
            if (enabled.Contains("SMS_MFA"))
            {
                mfa["SmsMfaConfiguration"] = new JsonObject { ["SmsConfiguration"] = given["SmsConfiguration"]?.DeepClone() };
            }

            if (enabled.Contains("EMAIL_OTP"))
            {
                mfa["EmailMfaConfiguration"] = new JsonObject();
            }

            if (given["MfaConfiguration"] is { } configuration)
            {
                mfa["MfaConfiguration"] = configuration.DeepClone();
            }

            await context.InvokeAsync("SetUserPoolMfaConfig", mfa, $"{pool.Location}.Properties.EnabledMfas", cancellationToken).ConfigureAwait(false);
        },
        defaults: (request, resource) =>
            // CloudFormation names a pool without a name after the resource.
            request["PoolName"] ??= resource.LogicalId);

    public static CognitoResource UserPoolClient { get; } = new(
        "AWS::Cognito::UserPoolClient",
        "CreateUserPoolClient",
        [
            "UserPoolId", "ClientName", "GenerateSecret", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "TokenValidityUnits",
            "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI",
            "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient", "AnalyticsConfiguration", "PreventUserExistenceErrors",
            "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData", "AuthSessionValidity", "RefreshTokenRotation",
        ],
        (request, answer, context, resource) =>
        {
            var client = answer["UserPoolClient"]!;
            var id = client["ClientId"]!.GetValue<string>();
            var attributes = new Dictionary<string, JsonNode>(StringComparer.Ordinal)
            {
                ["ClientId"] = JsonValue.Create(id),
                ["Name"] = JsonValue.Create(client["ClientName"]?.GetValue<string>() ?? string.Empty),
            };
            if (client["ClientSecret"] is JsonValue secret)
            {
                attributes["ClientSecret"] = secret.DeepClone();
            }

            return new DeployedResource(resource.LogicalId, resource.Type, id, attributes);
        },
        defaults: (request, resource) => request["ClientName"] ??= resource.LogicalId);

    public static CognitoResource UserPoolDomain { get; } = new(
        "AWS::Cognito::UserPoolDomain",
        "CreateUserPoolDomain",
        ["UserPoolId", "Domain", "CustomDomainConfig", "ManagedLoginVersion"],
        (request, answer, context, resource) =>
        {
            var domain = request["Domain"]!.GetValue<string>();
            return new DeployedResource(resource.LogicalId, resource.Type, domain, Attributes(
                ("CloudFrontDistribution", answer["CloudFrontDomain"]?.GetValue<string>() ?? $"{domain}.auth.{context.Pseudo.Region}.amazoncognito.com")));
        });

    public static CognitoResource UserPoolResourceServer { get; } = new(
        "AWS::Cognito::UserPoolResourceServer",
        "CreateResourceServer",
        ["UserPoolId", "Identifier", "Name", "Scopes"],
        (request, answer, context, resource) => new DeployedResource(resource.LogicalId, resource.Type, request["Identifier"]!.GetValue<string>(), Attributes()));

    public static CognitoResource UserPoolGroup { get; } = new(
        "AWS::Cognito::UserPoolGroup",
        "CreateGroup",
        ["UserPoolId", "GroupName", "Description", "Precedence", "RoleArn"],
        (request, answer, context, resource) => new DeployedResource(resource.LogicalId, resource.Type, request["GroupName"]!.GetValue<string>(), Attributes()),
        defaults: (request, resource) => request["GroupName"] ??= resource.LogicalId);

    public static CognitoResource UserPoolUser { get; } = new(
        "AWS::Cognito::UserPoolUser",
        "AdminCreateUser",
        ["UserPoolId", "Username", "UserAttributes", "ValidationData", "ForceAliasCreation", "MessageAction", "DesiredDeliveryMediums"],
        (request, answer, context, resource) => new DeployedResource(resource.LogicalId, resource.Type, request["Username"]!.GetValue<string>(), Attributes()),
        // Without a Username CloudFormation lets Cognito pick one (a UUID).
        defaults: (request, resource) => request["Username"] ??= Guid.NewGuid().ToString());

    public static CognitoResource UserPoolUserToGroupAttachment { get; } = new(
        "AWS::Cognito::UserPoolUserToGroupAttachment",
        "AdminAddUserToGroup",
        ["UserPoolId", "Username", "GroupName"],
        (request, answer, context, resource) => new DeployedResource(resource.LogicalId, resource.Type, $"{resource.LogicalId}-{request["GroupName"]}", Attributes()));
}
