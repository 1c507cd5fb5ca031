using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// Resolves CloudFormation's intrinsic functions in a template value: <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Join</c>,
/// <c>Fn::Sub</c> (both forms), <c>Fn::Select</c>, <c>Fn::Split</c>, <c>Fn::If</c>, <c>Fn::Equals</c>/<c>Not</c>/<c>And</c>/<c>Or</c>,
/// <c>Fn::FindInMap</c>, <c>Fn::GetAZs</c>, <c>Fn::Base64</c>; <c>Fn::ImportValue</c> is refused (one stack, nothing to import).
/// References are checked before anything is created (<see cref="References"/>); values are resolved as resources are
/// created, from what the created ones answer for <c>Ref</c> and <c>Fn::GetAtt</c>.
/// </summary>
internal sealed partial class TemplateResolver(StackTemplate template, PseudoParameters pseudo, IReadOnlyDictionary<string, JsonNode?> parameters)
{
    /// <summary>The functions the resolver evaluates.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
    {
        "Ref", "Fn::GetAtt", "Fn::Join", "Fn::Sub", "Fn::Select", "Fn::Split", "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or",
        "Fn::FindInMap", "Fn::GetAZs", "Fn::Base64",
    };

    /// <summary>Functions CloudFormation has that the emulator refuses, with why.</summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["Fn::ImportValue"] = "Fn::ImportValue is not supported: the emulator deploys one stack, so no other stack exports a value; pass the value as a parameter (--parameter) instead.",
        ["Fn::Cidr"] = "Fn::Cidr is not supported: the emulator models no networks.",
        ["Fn::Transform"] = "Fn::Transform is not supported: macros run inside CloudFormation only.",
        ["Fn::Length"] = "Fn::Length needs the AWS::LanguageExtensions transform, which only CloudFormation expands.",
        ["Fn::ToJsonString"] = "Fn::ToJsonString needs the AWS::LanguageExtensions transform, which only CloudFormation expands.",
        ["Fn::ForEach"] = "Fn::ForEach needs the AWS::LanguageExtensions transform, which only CloudFormation expands.",
    };

    private readonly Dictionary<string, DeployedResource> _deployed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    public PseudoParameters Pseudo => pseudo;

    public void Deployed(DeployedResource resource) => _deployed[resource.LogicalId] = resource;

    public bool IsDeployed(string logicalId) => _deployed.ContainsKey(logicalId);

    /// <summary>Whether a named condition holds; each is evaluated once.</summary>
    public bool Condition(string name, string location)
    {
        if (_conditions.TryGetValue(name, out var known))
        {
            return known;
        }

        if (template.Conditions[name] is not { } definition)
        {
            throw TemplateException.At(location, $"'{name}' is not a condition of the template.");
        }

        if (!_evaluating.Add(name))
        {
            throw TemplateException.At($"Conditions.{name}", "the condition refers to itself through other conditions.");
        }

        var value = Resolve(definition, $"Conditions.{name}", inCondition: true);
        _evaluating.Remove(name);
        if (value is not JsonValue result || !result.TryGetValue<bool>(out var holds))
        {
            throw TemplateException.At($"Conditions.{name}", "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or a Condition reference.");
        }

        _conditions[name] = holds;
        return holds;
    }

    /// <summary>
    /// The resources a value refers to (by <c>Ref</c>, <c>Fn::GetAtt</c> or <c>Fn::Sub</c>), after checking that every function
    /// is one the emulator evaluates and that every name refers to something.
    /// </summary>
    public IEnumerable<string> References(JsonNode? node, string location)
    {
        var found = new List<string>();
        Collect(node, location, found);
        return found;
    }

    private void Collect(JsonNode? node, string location, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj when Intrinsic(obj) is var (name, argument):
                CheckFunction(name, location);
                switch (name)
                {
                    case "Ref":
                        found.AddRange(RefTarget(argument, location));
                        return;
                    case "Fn::GetAtt":
                        var (resource, _) = GetAttArguments(argument, location);
                        found.Add(ResourceTarget(resource, location, "Fn::GetAtt"));
                        Collect(argument, location, found);
                        return;
                    case "Fn::Sub":
                        found.AddRange(SubTargets(argument, location));
                        if (argument is JsonArray { Count: 2 } sub)
                        {
                            Collect(sub[1], location, found);
                        }

                        return;
                    case "Fn::FindInMap" when argument is JsonArray { Count: >= 3 } keys && keys[0] is JsonValue map && map.TryGetValue<string>(out var mapName)
                        && !template.Mappings.ContainsKey(mapName):
                        throw TemplateException.At(location, $"Fn::FindInMap names the mapping '{mapName}', which the template does not declare.");
                    case "Fn::If" when argument is JsonArray { Count: 3 } branches && branches[0] is JsonValue condition && condition.TryGetValue<string>(out var conditionName)
                        && !template.Conditions.ContainsKey(conditionName):
                        throw TemplateException.At(location, $"Fn::If names the condition '{conditionName}', which the template does not declare.");
                }

                Collect(argument, location, found);
                return;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Collect(child, $"{location}.{key}", found);
                }

                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], $"{location}[{i}]", found);
                }

                return;
        }
    }

    private static void CheckFunction(string name, string location)
    {
        if (Refused.TryGetValue(name, out var why))
        {
            throw TemplateException.At(location, why);
        }

        if (!Functions.Contains(name) && name != "Condition")
        {
            throw TemplateException.At(location, $"'{name}' is not an intrinsic function CloudFormation knows (the emulator evaluates {string.Join(", ", Functions)}).");
        }
    }

    private IEnumerable<string> RefTarget(JsonNode? argument, string location)
    {
        if (argument is not JsonValue value || !value.TryGetValue<string>(out var name))
        {
            throw TemplateException.At(location, "Ref takes the name of a parameter, a resource or a pseudo-parameter.");
        }

        if (PseudoParameters.Names.Contains(name) || template.Parameters.ContainsKey(name))
        {
            return [];
        }

        if (PseudoParameters.Unsupported.Contains(name))
        {
            throw TemplateException.At(location, $"the pseudo-parameter {name} is not supported by the emulator.");
        }

        return [ResourceTarget(name, location, "Ref")];
    }

    private string ResourceTarget(string name, string location, string function) => template.Find(name) is not null
        ? name
        : throw TemplateException.At(location, $"{function} to '{name}', which is neither a parameter, a resource nor a pseudo-parameter of the template.");

    private IEnumerable<string> SubTargets(JsonNode? argument, string location)
    {
        var (text, variables) = SubArguments(argument, location);
        foreach (Match match in SubVariable().Matches(text))
        {
            var name = match.Groups[1].Value.Trim();
            if (name.StartsWith('!') || variables.ContainsKey(name))
            {
                continue;
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && !PseudoParameters.Names.Contains(name))
            {
                yield return ResourceTarget(name[..dot], location, "Fn::Sub");
            }
            else
            {
                foreach (var target in RefTarget(JsonValue.Create(name), location))
                {
                    yield return target;
                }
            }
        }
    }

    /// <summary>Resolves every intrinsic in a value; <c>AWS::NoValue</c> removes the property or list item that holds it.</summary>
    public JsonNode? Resolve(JsonNode? node, string location) => Strip(Resolve(node, location, inCondition: false));

    private static JsonNode? Strip(JsonNode? node) => IsNoValue(node) ? null : node;

    private JsonNode? Resolve(JsonNode? node, string location, bool inCondition)
    {
        switch (node)
        {
            case JsonObject obj when Intrinsic(obj) is var (name, argument):
                CheckFunction(name, location);
                return Evaluate(name, argument, location, inCondition);
            case JsonObject obj:
                var resolved = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    var value = Resolve(child, $"{location}.{key}", inCondition);
                    if (!IsNoValue(value))
                    {
                        resolved[key] = value;
                    }
                }

                return resolved;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var value = Resolve(array[i], $"{location}[{i}]", inCondition);
                    if (!IsNoValue(value))
                    {
                        items.Add(value);
                    }
                }

                return items;
            default:
                return node?.DeepClone();
        }
    }

    private JsonNode? Evaluate(string name, JsonNode? argument, string location, bool inCondition)
    {
        switch (name)
        {
            case "Ref":
                return Ref(argument!.GetValue<string>(), location);
            case "Condition" when inCondition && argument is JsonValue named && named.TryGetValue<string>(out var conditionName):
                return JsonValue.Create(Condition(conditionName, location));
            case "Condition":
                throw TemplateException.At(location, "a Condition reference is only allowed inside Fn::And, Fn::Or, Fn::Not and Conditions.");
            case "Fn::GetAtt":
                var (resource, attribute) = GetAttArguments(argument, location);
                return GetAtt(resource, Text(Resolve(JsonValue.Create(attribute), location, inCondition), location, "Fn::GetAtt"), location);
            case "Fn::Join":
                var join = Arguments(argument, 2, location, name);
                var delimiter = Text(Resolve(join[0], location, inCondition), location, name);
                var parts = List(Resolve(join[1], location, inCondition), location, name);
                return JsonValue.Create(string.Join(delimiter, parts.Select(p => Text(p, location, name))));
            case "Fn::Sub":
                return JsonValue.Create(Sub(argument, location));
            case "Fn::Select":
                var select = Arguments(argument, 2, location, name);
                var index = Resolve(select[0], location, inCondition) is JsonValue indexValue && Index(indexValue) is { } i ? i
                    : throw TemplateException.At(location, "Fn::Select's index must be a number.");
                var list = List(Resolve(select[1], location, inCondition), location, name);
                return index >= 0 && index < list.Count ? list[index]?.DeepClone()
                    : throw TemplateException.At(location, $"Fn::Select's index {index} is outside the list of {list.Count}.");
            case "Fn::Split":
                var split = Arguments(argument, 2, location, name);
                var separator = Text(Resolve(split[0], location, inCondition), location, name);
                var source = Text(Resolve(split[1], location, inCondition), location, name);
                return new JsonArray([.. source.Split(separator).Select(s => (JsonNode?)JsonValue.Create(s))]);
            case "Fn::If":
                var branches = Arguments(argument, 3, location, name);
                var condition = branches[0] is JsonValue c && c.TryGetValue<string>(out var cname) ? cname
                    : throw TemplateException.At(location, "Fn::If's first argument must name a condition.");
                return Resolve(Condition(condition, location) ? branches[1] : branches[2], location, inCondition);
            case "Fn::Equals":
                var equals = Arguments(argument, 2, location, name);
                return JsonValue.Create(JsonNode.DeepEquals(Scalar(Resolve(equals[0], location, true)), Scalar(Resolve(equals[1], location, true))));
            case "Fn::Not":
                var not = Arguments(argument, 1, location, name);
                return JsonValue.Create(!Truth(Resolve(not[0], location, true), location, name));
            case "Fn::And" or "Fn::Or":
                var operands = argument as JsonArray is { Count: >= 2 and <= 10 } many ? many
                    : throw TemplateException.At(location, $"{name} takes 2 to 10 conditions.");
                var truths = operands.Select(o => Truth(Resolve(o, location, true), location, name)).ToList();
                return JsonValue.Create(name == "Fn::And" ? truths.All(t => t) : truths.Any(t => t));
            case "Fn::FindInMap":
                var keys = Arguments(argument, 3, location, name);
                var map = Text(Resolve(keys[0], location, inCondition), location, name);
                var top = Text(Resolve(keys[1], location, inCondition), location, name);
                var second = Text(Resolve(keys[2], location, inCondition), location, name);
                return (template.Mappings[map] as JsonObject)?[top]?[second]?.DeepClone()
                    ?? throw TemplateException.At(location, $"Fn::FindInMap finds nothing at {map}.{top}.{second}.");
            case "Fn::GetAZs":
                var region = Resolve(argument, location, inCondition) is JsonValue r && r.TryGetValue<string>(out var given) && given.Length > 0 ? given : pseudo.Region;
                return new JsonArray([.. "abc".Select(zone => (JsonNode?)JsonValue.Create(region + zone))]);
            case "Fn::Base64":
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Resolve(argument, location, inCondition), location, name))));
            default:
                throw TemplateException.At(location, $"'{name}' is not an intrinsic function CloudFormation knows.");
        }
    }

    private JsonNode? Ref(string name, string location)
    {
        if (name == PseudoParameters.NoValue)
        {
            return JsonValue.Create(NoValueMarker);
        }

        if (pseudo.Value(name) is { } pseudoValue)
        {
            return JsonValue.Create(pseudoValue);
        }

        if (parameters.TryGetValue(name, out var parameter))
        {
            return parameter?.DeepClone();
        }

        return _deployed.TryGetValue(name, out var resource) ? JsonValue.Create(resource.Ref)
            : throw TemplateException.At(location, $"Ref to '{name}', which is not deployed (its Condition is false).");
    }

    private JsonNode? GetAtt(string resource, string attribute, string location)
    {
        if (!_deployed.TryGetValue(resource, out var deployed))
        {
            throw TemplateException.At(location, $"Fn::GetAtt of '{resource}', which is not deployed (its Condition is false).");
        }

        if (deployed.Attributes.TryGetValue(attribute, out var value))
        {
            return value.DeepClone();
        }

        return deployed.Placeholder
            ? JsonValue.Create(attribute == "Arn" ? $"arn:{PseudoParameters.Partition}:{Service(deployed.Type)}:{pseudo.Region}:{pseudo.AccountId}:{deployed.Ref}" : $"{deployed.Ref}.{attribute}")
            : throw TemplateException.At(location, $"Fn::GetAtt: {resource} ({deployed.Type}) has no attribute '{attribute}' the emulator knows ({string.Join(", ", deployed.Attributes.Keys)}).");
    }

    /// <summary>The service part of a type's ARN (<c>AWS::IAM::Role</c> → <c>iam</c>).</summary>
    private static string Service(string type) => type.Split("::") is [_, var service, ..] ? service.ToLowerInvariant() : "unknown";

    private string Sub(JsonNode? argument, string location)
    {
        var (text, variables) = SubArguments(argument, location);
        var values = variables.ToDictionary(v => v.Key, v => Text(Resolve(v.Value, location), location, "Fn::Sub"), StringComparer.Ordinal);
        return SubVariable().Replace(text, match =>
        {
            var name = match.Groups[1].Value.Trim();
            if (name.StartsWith('!'))
            {
                return "${" + name[1..] + "}";
            }

            if (values.TryGetValue(name, out var value))
            {
                return value;
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && !PseudoParameters.Names.Contains(name)
                ? Text(GetAtt(name[..dot], name[(dot + 1)..], location), location, "Fn::Sub")
                : Text(Ref(name, location), location, "Fn::Sub");
        });
    }

    private static (string Text, Dictionary<string, JsonNode?> Variables) SubArguments(JsonNode? argument, string location) => argument switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => (text, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)),
        JsonArray { Count: 2 } pair when pair[0] is JsonValue first && first.TryGetValue<string>(out var text) && pair[1] is JsonObject variables =>
            (text, variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)),
        _ => throw TemplateException.At(location, "Fn::Sub takes a string, or a list of a string and an object of variables."),
    };

    private static (string Resource, string Attribute) GetAttArguments(JsonNode? argument, string location) => argument switch
    {
        JsonArray { Count: 2 } pair when pair[0] is JsonValue r && r.TryGetValue<string>(out var resource) && pair[1] is JsonValue a && a.TryGetValue<string>(out var attribute) =>
            (resource, attribute),
        JsonValue dotted when dotted.TryGetValue<string>(out var text) && text.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 => (text[..dot], text[(dot + 1)..]),
        _ => throw TemplateException.At(location, "Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"."),
    };

    /// <summary>The function an object stands for, when it is one: a single key that is <c>Ref</c>, <c>Condition</c> or <c>Fn::…</c>.</summary>
    private static (string Name, JsonNode? Argument)? Intrinsic(JsonObject obj)
    {
        if (obj.Count != 1)
        {
            return null;
        }

        var (key, value) = obj.First();
        return key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal) ? (key, value) : null;
    }

    private static JsonArray Arguments(JsonNode? argument, int count, string location, string name) =>
        argument is JsonArray array && array.Count == count ? array : throw TemplateException.At(location, $"{name} takes a list of {count}.");

    private static List<JsonNode?> List(JsonNode? node, string location, string name) =>
        node is JsonArray array ? [.. array] : throw TemplateException.At(location, $"{name} needs a list here, not {Describe(node)}.");

    public static string Text(JsonNode? node, string location, string name) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => throw TemplateException.At(location, $"{name} needs a string here, not {Describe(node)}."),
    };

    private static JsonNode? Scalar(JsonNode? node) => node is JsonValue value && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
        ? JsonValue.Create(value.ToJsonString())
        : node;

    private static bool Truth(JsonNode? node, string location, string name) =>
        node is JsonValue value && value.TryGetValue<bool>(out var truth) ? truth : throw TemplateException.At(location, $"{name} needs a condition here, not {Describe(node)}.");

    private static int? Index(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number when value.TryGetValue<int>(out var number) => number,
        JsonValueKind.String when int.TryParse(value.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static string Describe(JsonNode? node) => node switch
    {
        null => "nothing",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
        _ => "a value",
    };

    // AWS::NoValue travels as this marker until the object or list holding it drops it.
    private const string NoValueMarker = "\u0000AWS::NoValue";

    private static bool IsNoValue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == NoValueMarker;

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubVariable();
}

/// <summary>A created resource: what <c>Ref</c> answers for it and the attributes <c>Fn::GetAtt</c> can read.</summary>
internal sealed record DeployedResource(string LogicalId, string Type, string Ref, IReadOnlyDictionary<string, JsonNode> Attributes)
{
    /// <summary>A resource of a type the emulator does not model: it answers any attribute with a made-up value.</summary>
    public bool Placeholder { get; init; }
}
