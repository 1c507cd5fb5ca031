using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// The envelope every user-pool trigger event has, in Cognito's member order — <c>version</c>, <c>triggerSource</c>,
/// <c>region</c>, <c>userPoolId</c>, <c>userName</c>, <c>callerContext</c>, <c>request</c>, <c>response</c> (sent with its
/// fields empty or null and read back) — and the strict readers of an answer's <c>response</c>: a member of the wrong
/// JSON type makes the answer unrecognizable (<c>InvalidLambdaResponseException</c>), as Cognito's own parsing does; a
/// member left out or null means "no change".
/// </summary>
internal static class TriggerEvent
{
    public static JsonObject Create(string version, string triggerSource, TriggerContext context, string? userName, JsonObject request, JsonObject response)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evt = new JsonObject
        {
            ["version"] = version,
            ["triggerSource"] = triggerSource,
            ["region"] = context.Region,
            ["userPoolId"] = context.UserPoolId,
        };
        if (userName is not null)
        {
            evt["userName"] = userName;
        }

        evt["callerContext"] = new JsonObject
        {
            ["awsSdkVersion"] = context.AwsSdkVersion ?? TriggerContext.UnknownSdk,
            ["clientId"] = context.ClientId ?? TriggerContext.NoClient,
        };
        evt["request"] = request;
        evt["response"] = response;
        return evt;
    }

    /// <summary>A string map (<c>userAttributes</c>, <c>clientMetadata</c>, …) as a JSON object.</summary>
    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>> values)
    {
        var map = new JsonObject();
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return map;
    }

    /// <summary>Adds <c>clientMetadata</c> to a request when the caller sent some (Cognito leaves it out otherwise).</summary>
    public static JsonObject WithClientMetadata(this JsonObject request, IReadOnlyDictionary<string, string>? clientMetadata)
    {
        if (clientMetadata is { Count: > 0 })
        {
            request["clientMetadata"] = Map(clientMetadata);
        }

        return request;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>The answer's <c>response</c>; an empty one when it is missing or null.</summary>
    public static JsonObject Response(JsonObject answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer["response"] switch
        {
            null => [],
            JsonObject response => response,
            _ => throw TriggerErrors.AnswerUnrecognizable(),
        };
    }

    public static JsonObject? Object(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonObject value => value,
        _ => throw TriggerErrors.AnswerUnrecognizable(),
    };

    public static bool? Boolean(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw TriggerErrors.AnswerUnrecognizable(),
    };

    public static string? String(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw TriggerErrors.AnswerUnrecognizable(),
    };

    public static IReadOnlyList<string>? StringList(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonArray items => [.. items.Select(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw TriggerErrors.AnswerUnrecognizable())],
        _ => throw TriggerErrors.AnswerUnrecognizable(),
    };

    public static IReadOnlyDictionary<string, string>? StringMap(JsonObject parent, string name) => Object(parent, name) is { } map
        ? map.ToDictionary(
            p => p.Key,
            p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw TriggerErrors.AnswerUnrecognizable(),
            StringComparer.Ordinal)
        : null;

    /// <summary>Fails unless <paramref name="source"/> is one of the trigger's <c>triggerSource</c> values.</summary>
    public static string Source(string source, IReadOnlyCollection<string> sources) => sources.Contains(source)
        ? source
        : throw new ArgumentOutOfRangeException(nameof(source), source, $"Not one of {string.Join(", ", sources)}.");
}
