using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// The values of a template's <c>Parameters</c>: each given one (<c>--parameter KEY=VALUE</c>) or its <c>Default</c>, checked as
/// CloudFormation checks it (<c>Type</c> <c>String</c>, <c>Number</c>, <c>List&lt;Number&gt;</c>, <c>CommaDelimitedList</c>, and the
/// AWS-specific types as strings; <c>AllowedValues</c>, <c>AllowedPattern</c>, <c>MinLength</c>/<c>MaxLength</c>,
/// <c>MinValue</c>/<c>MaxValue</c>). A list type resolves to a list, as <c>Ref</c> of it does in CloudFormation.
/// </summary>
internal static class TemplateParameters
{
    public static Dictionary<string, JsonNode?> Resolve(StackTemplate template, IReadOnlyDictionary<string, string> given)
    {
        foreach (var name in given.Keys)
        {
            if (!template.Parameters.ContainsKey(name))
            {
                throw TemplateException.At($"--parameter {name}", $"the template has no parameter '{name}' (it has: {(template.Parameters.Count == 0 ? "none" : string.Join(", ", template.Parameters.Select(p => p.Key)))}).");
            }
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, node) in template.Parameters)
        {
            var where = $"Parameters.{name}";
            if (node is not JsonObject declaration || declaration["Type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type))
            {
                throw TemplateException.At(where + ".Type", "a parameter needs a Type.");
            }

            string text;
            if (given.TryGetValue(name, out var value))
            {
                text = value;
            }
            else if (declaration["Default"] is { } fallback)
            {
                text = fallback is JsonValue scalar ? TemplateResolver.Text(scalar, where + ".Default", "Default")
                    : fallback is JsonArray list ? string.Join(',', list.Select(i => TemplateResolver.Text(i, where + ".Default", "Default")))
                    : throw TemplateException.At(where + ".Default", "must be a string, a number or a list.");
            }
            else
            {
                throw TemplateException.At(where, $"no value: the parameter has no Default; give one with --parameter {name}=VALUE.");
            }

            values[name] = Check(where, type, declaration, text);
        }

        return values;
    }

    private static JsonNode Check(string where, string type, JsonObject declaration, string text)
    {
        var isList = type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal);
        var items = isList ? text.Split(',').Select(i => i.Trim()).ToArray() : [text];
        var numeric = type is "Number" or "List<Number>";
        foreach (var item in items)
        {
            if (numeric && !double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw TemplateException.At(where, $"'{item}' is not a number (Type {type}).");
            }

            if (declaration["AllowedValues"] is JsonArray allowed && !allowed.Any(a => a is JsonValue v && v.ToString() == item))
            {
                throw TemplateException.At(where, $"'{item}' is not one of the AllowedValues ({string.Join(", ", allowed.Select(a => a?.ToString()))}).");
            }

            if (declaration["AllowedPattern"] is JsonValue pattern && !Regex.IsMatch(item, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                throw TemplateException.At(where, $"'{item}' does not match the AllowedPattern {pattern}.");
            }

            if (Number(declaration, "MinLength") is { } minLength && item.Length < minLength)
            {
                throw TemplateException.At(where, $"the value is shorter than MinLength {minLength}.");
            }

            if (Number(declaration, "MaxLength") is { } maxLength && item.Length > maxLength)
            {
                throw TemplateException.At(where, $"the value is longer than MaxLength {maxLength}.");
            }

            if (numeric && Number(declaration, "MinValue") is { } minValue && double.Parse(item, CultureInfo.InvariantCulture) < minValue)
            {
                throw TemplateException.At(where, $"{item} is less than MinValue {minValue}.");
            }

            if (numeric && Number(declaration, "MaxValue") is { } maxValue && double.Parse(item, CultureInfo.InvariantCulture) > maxValue)
            {
                throw TemplateException.At(where, $"{item} is more than MaxValue {maxValue}.");
            }
        }

        // Ref of a Number parameter is a string in CloudFormation too; properties that need a number convert it.
        return isList ? new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]) : JsonValue.Create(text);
    }

    private static double? Number(JsonObject declaration, string key) => declaration[key] switch
    {
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
