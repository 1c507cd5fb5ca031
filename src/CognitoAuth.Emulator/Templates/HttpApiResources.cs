using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Triggers;

namespace CognitoAuth.Emulator.Templates;

/// <summary><c>AWS::ApiGatewayV2::Api</c>: an HTTP API (WebSocket APIs, OpenAPI bodies and quick create are refused).</summary>
internal sealed class HttpApiResource : ResourceType
{
    public override string Name => "AWS::ApiGatewayV2::Api";

    public override IReadOnlyList<string> Properties { get; } = ["Name", "ProtocolType", "Description", "Tags", "Version"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken)
    {
        foreach (var refused in (string[])["Body", "BodyS3Location", "Target", "RouteKey", "CredentialsArn"])
        {
            if (properties[refused] is not null)
            {
                throw TemplateException.At($"{resource.Location}.Properties.{refused}", "not emulated: declare the API's routes, integrations and stage as their own resources (as CDK does).");
            }
        }

        if (Text(properties, "ProtocolType") is var protocol && protocol != "HTTP")
        {
            throw TemplateException.At($"{resource.Location}.Properties.ProtocolType", $"'{protocol}' is not emulated: only HTTP APIs are.");
        }

        var id = previous?.Ref ?? RandomIds.ApiId();
        var api = new HttpApi(id, Text(properties, "Name") ?? resource.LogicalId);
        context.Apis.Add(api);
        return Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, id, Attributes(
            ("ApiEndpoint", DeploymentContext.AwsApiEndpoint(id, context.Pseudo.Region)),
            ("ApiId", id))));
    }

    internal static HttpApi Api(DeploymentContext context, JsonObject properties, TemplateResource resource)
    {
        var id = Required(properties, "ApiId", resource);
        return context.Apis.FirstOrDefault(a => a.Id == id)
            ?? throw TemplateException.At($"{resource.Location}.Properties.ApiId", $"'{id}' is not an HTTP API of this template.");
    }

    internal static string ChildId(DeployedResource? previous, int length) =>
        previous?.Ref ?? RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", length);
}

/// <summary><c>AWS::ApiGatewayV2::Authorizer</c>: a JWT authorizer; its issuer must be a pool of the emulator to accept tokens.</summary>
internal sealed class HttpApiAuthorizerResource : ResourceType
{
    public override string Name => "AWS::ApiGatewayV2::Authorizer";

    public override IReadOnlyList<string> Properties { get; } = ["ApiId", "AuthorizerType", "IdentitySource", "JwtConfiguration", "Name"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken)
    {
        var api = HttpApiResource.Api(context, properties, resource);
        var where = $"{resource.Location}.Properties";
        if (Required(properties, "AuthorizerType", resource) is var type && type != "JWT")
        {
            throw TemplateException.At($"{where}.AuthorizerType", $"'{type}' is not emulated: only JWT authorizers are.");
        }

        var sources = Strings(properties, "IdentitySource", resource);
        var header = sources.Count == 0 ? "Authorization"
            : sources is [var source] && source.StartsWith("$request.header.", StringComparison.Ordinal) ? source["$request.header.".Length..]
            : throw TemplateException.At($"{where}.IdentitySource", "a JWT authorizer takes one identity source, $request.header.NAME.");
        var configuration = properties["JwtConfiguration"] as JsonObject
            ?? throw TemplateException.At($"{where}.JwtConfiguration", "required for a JWT authorizer: Issuer and Audience.");
        var issuer = Text(configuration, "Issuer") is { Length: > 0 } given ? given
            : throw TemplateException.At($"{where}.JwtConfiguration.Issuer", "required, a string.");
        var audiences = Strings(configuration, "Audience", resource);
        var id = HttpApiResource.ChildId(previous, 6);
        api.Authorizers[id] = context.Authorizer(id, Text(properties, "Name") ?? resource.LogicalId, issuer, audiences, header, $"{where}.JwtConfiguration.Issuer");
        return Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, id, Attributes(("AuthorizerId", id))));
    }
}

/// <summary><c>AWS::ApiGatewayV2::Route</c>: a route key, its authorization (JWT with scopes, or NONE) and its integration target.</summary>
internal sealed class HttpApiRouteResource : ResourceType
{
    public override string Name => "AWS::ApiGatewayV2::Route";

    public override IReadOnlyList<string> Properties { get; } = ["ApiId", "RouteKey", "AuthorizationType", "AuthorizerId", "AuthorizationScopes", "Target", "OperationName"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken)
    {
        var api = HttpApiResource.Api(context, properties, resource);
        var where = $"{resource.Location}.Properties";
        var authorization = Text(properties, "AuthorizationType") ?? ApiRoute.None;
        if (authorization is not (ApiRoute.Jwt or ApiRoute.None))
        {
            throw TemplateException.At($"{where}.AuthorizationType", $"'{authorization}' is not emulated: JWT and NONE are.");
        }

        var authorizerId = Text(properties, "AuthorizerId");
        if (authorization == ApiRoute.Jwt && (authorizerId is null || !api.Authorizers.ContainsKey(authorizerId)))
        {
            throw TemplateException.At($"{where}.AuthorizerId", "a JWT route needs the id of one of its API's authorizers.");
        }

        string? integrationId = null;
        if (Text(properties, "Target") is { } target)
        {
            integrationId = target.StartsWith("integrations/", StringComparison.Ordinal) ? target["integrations/".Length..]
                : throw TemplateException.At($"{where}.Target", $"'{target}' is not integrations/INTEGRATION_ID.");
            if (!api.Integrations.ContainsKey(integrationId))
            {
                throw TemplateException.At($"{where}.Target", $"'{target}' is not an integration of the route's API.");
            }
        }

        var id = HttpApiResource.ChildId(previous, 7);
        try
        {
            api.Routes.Add(new ApiRoute(id, Required(properties, "RouteKey", resource), authorization, authorizerId, Strings(properties, "AuthorizationScopes", resource), integrationId));
        }
        catch (FormatException ex)
        {
            throw TemplateException.At($"{where}.RouteKey", ex.Message);
        }

        return Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, id, Attributes()));
    }
}

/// <summary><c>AWS::ApiGatewayV2::Integration</c>: a Lambda proxy integration with payload format 2.0.</summary>
internal sealed class HttpApiIntegrationResource : ResourceType
{
    public override string Name => "AWS::ApiGatewayV2::Integration";

    public override IReadOnlyList<string> Properties { get; } = ["ApiId", "IntegrationType", "IntegrationUri", "PayloadFormatVersion", "IntegrationMethod", "Description", "TimeoutInMillis"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken)
    {
        var api = HttpApiResource.Api(context, properties, resource);
        var where = $"{resource.Location}.Properties";
        if (Required(properties, "IntegrationType", resource) is var type && type != "AWS_PROXY")
        {
            throw TemplateException.At($"{where}.IntegrationType", $"'{type}' is not emulated: only Lambda proxy integrations (AWS_PROXY) are.");
        }

        if (Text(properties, "PayloadFormatVersion") is var version && version != "2.0")
        {
            throw TemplateException.At($"{where}.PayloadFormatVersion", $"'{version ?? "(none, 1.0)"}' is not emulated: only payload format 2.0 is.");
        }

        var uri = Required(properties, "IntegrationUri", resource);
        var name = LambdaFunctionResource.NameOf(uri)
            ?? throw TemplateException.At($"{where}.IntegrationUri", $"'{uri}' is not a Lambda function's ARN.");
        var timeout = properties["TimeoutInMillis"] switch
        {
            null => ApiIntegration.DefaultTimeout,
            JsonValue value when value.TryGetValue<int>(out var milliseconds) && milliseconds is >= 50 and <= 30_000 => TimeSpan.FromMilliseconds(milliseconds),
            { } other => throw TemplateException.At($"{where}.TimeoutInMillis", $"must be a number of milliseconds from 50 to 30000, not {other.ToJsonString()}."),
        };
        var id = HttpApiResource.ChildId(previous, 7);
        api.Integrations[id] = new ApiIntegration(id, name, context.Function(name))
        {
            FunctionArn = new LambdaArn(PseudoParameters.Partition, context.Pseudo.Region, context.Pseudo.AccountId, name, null),
            Timeout = timeout,
        };
        return Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, id, Attributes()));
    }
}

/// <summary><c>AWS::ApiGatewayV2::Stage</c>: <c>$default</c> serves the API at its root, another stage under <c>/{stage}/</c>.</summary>
internal sealed class HttpApiStageResource : ResourceType
{
    public override string Name => "AWS::ApiGatewayV2::Stage";

    public override IReadOnlyList<string> Properties { get; } = ["ApiId", "StageName", "AutoDeploy", "DeploymentId", "Description", "AccessLogSettings", "DefaultRouteSettings", "Tags"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken)
    {
        var api = HttpApiResource.Api(context, properties, resource);
        var stage = Required(properties, "StageName", resource);
        api.Stages.Add(stage);
        return Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, stage, Attributes()));
    }
}

/// <summary><c>AWS::ApiGatewayV2::Deployment</c>: the emulator serves an API's routes as they are, so a deployment changes nothing.</summary>
internal sealed class HttpApiDeploymentResource : ResourceType
{
    public override string Name => "AWS::ApiGatewayV2::Deployment";

    public override IReadOnlyList<string> Properties { get; } = ["ApiId", "Description", "StageName"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken)
    {
        _ = HttpApiResource.Api(context, properties, resource);
        var id = HttpApiResource.ChildId(previous, 6);
        return Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, id, Attributes(("DeploymentId", id))));
    }
}
