using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// What a data directory remembers of a deployed stack (<c>stack.json</c> beside the state file): its name, a fingerprint
/// of the template and parameters it came from, and each resource's physical id and attributes, so a restart serves the
/// same ids. The pools themselves are in the state file.
/// </summary>
internal sealed record StackState(string StackName, string Fingerprint, string StackId, IReadOnlyList<DeployedResource> Resources)
{
    public const string FileName = "stack.json";

    public static StackState? Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var resources = root["Resources"]!.AsArray().Select(r => new DeployedResource(
                r!["LogicalId"]!.GetValue<string>(),
                r["Type"]!.GetValue<string>(),
                r["Ref"]!.GetValue<string>(),
                r["Attributes"]!.AsObject().ToDictionary(a => a.Key, a => a.Value!.DeepClone(), StringComparer.Ordinal))
            {
                Placeholder = r["Placeholder"]?.GetValue<bool>() ?? false,
            }).ToList();
            return new StackState(root["StackName"]!.GetValue<string>(), root["Fingerprint"]!.GetValue<string>(), root["StackId"]!.GetValue<string>(), resources);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new TemplateException($"The data directory's {FileName} is not what the emulator wrote; move it away to deploy afresh.", ex);
        }
    }

    /// <summary>Writes the file atomically; readable by its owner only, as it may hold client secrets.</summary>
    public void Save(string dataDirectory)
    {
        var root = new JsonObject
        {
            ["StackName"] = StackName,
            ["Fingerprint"] = Fingerprint,
            ["StackId"] = StackId,
            ["Resources"] = new JsonArray([.. Resources.Select(r => (JsonNode)new JsonObject
            {
                ["LogicalId"] = r.LogicalId,
                ["Type"] = r.Type,
                ["Ref"] = r.Ref,
                ["Placeholder"] = r.Placeholder,
                ["Attributes"] = new JsonObject([.. r.Attributes.Select(a => new KeyValuePair<string, JsonNode?>(a.Key, a.Value.DeepClone()))]),
            })]),
        };
        var path = Path.Combine(dataDirectory, FileName);
        var staging = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(staging, options))
        {
            JsonSerializer.Serialize(file, root, TemplateJson.Default.JsonNode);
        }

        File.Move(staging, path, overwrite: true);
    }

    public override string ToString() => $"StackState {{ StackName = {StackName}, Resources = {Resources.Count} }}";
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonNode))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class TemplateJson : System.Text.Json.Serialization.JsonSerializerContext;
