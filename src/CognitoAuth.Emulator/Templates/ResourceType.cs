using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// A CloudFormation resource type the emulator deploys: the properties it honours (docs/EMULATOR.md's table is checked
/// against <see cref="Properties"/>), and how one resource of it is created from resolved properties.
/// </summary>
internal abstract class ResourceType
{
    public abstract string Name { get; }

    /// <summary>The properties the emulator honours; any other property is reported at start as not emulated.</summary>
    public abstract IReadOnlyList<string> Properties { get; }

    /// <summary>
    /// Creates the resource, or with <paramref name="previous"/> (a restart over a data directory) takes it up again under the
    /// same ids.
    /// </summary>
    public abstract Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken);

    /// <summary>Every resource type the emulator deploys, by name.</summary>
    public static IReadOnlyDictionary<string, ResourceType> All { get; } = new ResourceType[]
    {
        CognitoResource.UserPool,
        CognitoResource.UserPoolClient,
        CognitoResource.UserPoolDomain,
        CognitoResource.UserPoolResourceServer,
        CognitoResource.UserPoolGroup,
        CognitoResource.UserPoolUser,
        CognitoResource.UserPoolUserToGroupAttachment,
        new HttpApiResource(),
        new HttpApiAuthorizerResource(),
        new HttpApiRouteResource(),
        new HttpApiIntegrationResource(),
        new HttpApiStageResource(),
        new HttpApiDeploymentResource(),
        new LambdaFunctionResource(),
        new LambdaPermissionResource(),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    protected static string? Text(JsonObject properties, string name) =>
        properties[name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    protected static string Required(JsonObject properties, string name, TemplateResource resource) =>
        Text(properties, name) is { Length: > 0 } text ? text : throw TemplateException.At($"{resource.Location}.Properties.{name}", "required, a string.");

    protected static List<string> Strings(JsonObject properties, string name, TemplateResource resource) => properties[name] switch
    {
        null => [],
        JsonArray array when array.All(i => i is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) => [.. array.Select(i => i!.GetValue<string>())],
        var other => throw TemplateException.At($"{resource.Location}.Properties.{name}", $"must be a list of strings, not {TemplateResolver.Describe(other)}."),
    };

    /// <summary>The properties given that this type does not honour, as <c>Resources.X.Properties.Y</c>.</summary>
    public IEnumerable<string> Unhonoured(TemplateResource resource, JsonObject properties) =>
        properties.Select(p => p.Key).Where(k => !Properties.Contains(k, StringComparer.Ordinal)).Select(k => $"{resource.Location}.Properties.{k}");

    protected static IReadOnlyDictionary<string, JsonNode> Attributes(params (string Name, string Value)[] attributes) =>
        attributes.ToDictionary(a => a.Name, a => (JsonNode)JsonValue.Create(a.Value), StringComparer.Ordinal);
}
