using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// A template's sections, checked for shape: every resource has a <c>Type</c>, <c>Properties</c> is an object,
/// <c>DependsOn</c> names resources, a resource's <c>Condition</c> names a condition. What the sections mean is the
/// resolver's and the deployment's business.
/// </summary>
internal sealed class StackTemplate
{
    private StackTemplate(string path, JsonObject parameters, JsonObject mappings, JsonObject conditions, IReadOnlyList<TemplateResource> resources, JsonObject outputs)
    {
        Path = path;
        Parameters = parameters;
        Mappings = mappings;
        Conditions = conditions;
        Resources = resources;
        Outputs = outputs;
    }

    /// <summary>The template file; a Lambda's <c>aws:asset:path</c> is relative to its folder.</summary>
    public string Path { get; }

    public JsonObject Parameters { get; }

    public JsonObject Mappings { get; }

    public JsonObject Conditions { get; }

    /// <summary>The resources in template order (the order of creation among resources that do not depend on each other).</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public JsonObject Outputs { get; }

    public TemplateResource? Find(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId);

    public static StackTemplate Load(string path) => From(TemplateReader.Read(path), path);

    public static StackTemplate From(JsonObject root, string path)
    {
        if (root["Transform"] is { } transform)
        {
            // SAM (AWS::Serverless-2016-10-31) and macros rewrite the template inside CloudFormation; the emulator cannot.
            throw TemplateException.At("Transform", $"the template needs the transform {transform.ToJsonString()}, which only CloudFormation can expand; deploy the expanded template (e.g. sam package/validate output or cdk synth).");
        }

        var resources = Section(root, "Resources") ?? throw TemplateException.At("Resources", "the template has no Resources section.");
        if (resources.Count == 0)
        {
            throw TemplateException.At("Resources", "the template declares no resources.");
        }

        var list = new List<TemplateResource>();
        foreach (var (logicalId, node) in resources)
        {
            var where = $"Resources.{logicalId}";
            if (logicalId.Length == 0 || !logicalId.All(char.IsAsciiLetterOrDigit))
            {
                throw TemplateException.At(where, "a logical id must be letters and digits only.");
            }

            if (node is not JsonObject resource)
            {
                throw TemplateException.At(where, "a resource must be an object with a Type.");
            }

            if (resource["Type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type) || type.Length == 0)
            {
                throw TemplateException.At(where + ".Type", "missing or not a string.");
            }

            var properties = resource["Properties"] switch
            {
                null => new JsonObject(),
                JsonObject given => given,
                _ => throw TemplateException.At(where + ".Properties", "must be an object."),
            };
            var dependsOn = resource["DependsOn"] switch
            {
                null => [],
                JsonValue one when one.TryGetValue<string>(out var name) => [name],
                JsonArray many when many.All(d => d is JsonValue v && v.TryGetValue<string>(out _)) => many.Select(d => d!.GetValue<string>()).ToList(),
                _ => throw TemplateException.At(where + ".DependsOn", "must be a resource's logical id or a list of them."),
            };
            string? condition = resource["Condition"] switch
            {
                null => null,
                JsonValue named when named.TryGetValue<string>(out var name) => name,
                _ => throw TemplateException.At(where + ".Condition", "must name a condition."),
            };
            list.Add(new TemplateResource(logicalId, type, properties, dependsOn, condition, resource["Metadata"] as JsonObject));
        }

        var template = new StackTemplate(
            path, Section(root, "Parameters") ?? [], Section(root, "Mappings") ?? [], Section(root, "Conditions") ?? [], list, Section(root, "Outputs") ?? []);
        foreach (var resource in list)
        {
            foreach (var dependency in resource.DependsOn)
            {
                if (template.Find(dependency) is null)
                {
                    throw TemplateException.At($"Resources.{resource.LogicalId}.DependsOn", $"'{dependency}' is not a resource of the template.");
                }
            }

            if (resource.Condition is { } condition && !template.Conditions.ContainsKey(condition))
            {
                throw TemplateException.At($"Resources.{resource.LogicalId}.Condition", $"'{condition}' is not a condition of the template.");
            }
        }

        return template;
    }

    private static JsonObject? Section(JsonObject root, string name) => root[name] switch
    {
        null => null,
        JsonObject section => section,
        _ => throw TemplateException.At(name, "must be an object."),
    };
}

/// <summary>One resource as the template declares it (properties unresolved).</summary>
internal sealed record TemplateResource(string LogicalId, string Type, JsonObject Properties, IReadOnlyList<string> DependsOn, string? Condition, JsonObject? Metadata)
{
    public string Location => $"Resources.{LogicalId}";

    public string? MetadataString(string key) => Metadata?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
