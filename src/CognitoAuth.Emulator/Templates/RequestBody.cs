using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// Turns resolved template properties into an operation's request body, checking each value against the request's own
/// shape (its source-generated metadata): CloudFormation's lenient scalars are accepted as CloudFormation accepts them
/// (<c>"8"</c> for a number, <c>"true"</c> for a boolean, a number for a string), anything else of the wrong type is an
/// error naming the property. Members the request does not have are returned, for the caller to report.
/// </summary>
internal static class RequestBody
{
    public static JsonObject Shape(JsonObject properties, Type requestType, JsonSerializerOptions options, string location, List<string> ignored)
    {
        var shaped = Coerce(properties, requestType, options, location, ignored);
        return (JsonObject)shaped!;
    }

    private static JsonNode? Coerce(JsonNode? node, Type type, JsonSerializerOptions options, string location, List<string> ignored)
    {
        if (node is null)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(JsonElement))
        {
            // Stored and echoed as given (LambdaConfig, DeviceConfiguration, …).
            return node.DeepClone();
        }

        if (target == typeof(string))
        {
            return node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                ? JsonValue.Create(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString())
                : throw Wrong(location, "a string", node);
        }

        if (target == typeof(bool))
        {
            return node is JsonValue value && (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    || (value.GetValueKind() == JsonValueKind.String && bool.TryParse(value.GetValue<string>(), out _)))
                ? JsonValue.Create(value.GetValueKind() == JsonValueKind.String ? bool.Parse(value.GetValue<string>()) : value.GetValue<bool>())
                : throw Wrong(location, "a boolean", node);
        }

        if (target == typeof(int) || target == typeof(long) || target == typeof(double))
        {
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            {
                return value.DeepClone();
            }

            if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String
                && double.TryParse(text.GetValue<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return target == typeof(double) ? JsonValue.Create(number) : JsonValue.Create((long)number);
            }

            throw Wrong(location, "a number", node);
        }

        var info = options.GetTypeInfo(target);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                var array = node as JsonArray ?? throw Wrong(location, "a list", node);
                return new JsonArray([.. array.Select((item, i) => Coerce(item, info.ElementType!, options, $"{location}[{i}]", ignored))]);
            case JsonTypeInfoKind.Dictionary:
                var map = node as JsonObject ?? throw Wrong(location, "an object", node);
                var entries = new JsonObject();
                foreach (var (key, value) in map)
                {
                    entries[key] = Coerce(value, info.ElementType!, options, $"{location}.{key}", ignored);
                }

                return entries;
            case JsonTypeInfoKind.Object:
                var obj = node as JsonObject ?? throw Wrong(location, "an object", node);
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var property = info.Properties.FirstOrDefault(p => p.Name == key);
                    if (property is null)
                    {
                        ignored.Add($"{location}.{key}");
                        continue;
                    }

                    result[key] = Coerce(value, property.PropertyType, options, $"{location}.{key}", ignored);
                }

                return result;
            default:
                return node.DeepClone();
        }
    }

    private static TemplateException Wrong(string location, string expected, JsonNode? actual) =>
        TemplateException.At(location, $"must be {expected}, not {TemplateResolver.Describe(actual)}.");
}
