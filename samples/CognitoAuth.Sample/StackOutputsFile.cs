using System.Text.Json;

namespace CognitoAuth.Sample;

/// <summary>
/// Reads a stack outputs file — <c>cdk deploy --outputs-file</c> or <c>bin/local</c>'s — into <c>CognitoAuth:*</c>
/// configuration keys, so a deployed and a local stack are used alike.
/// </summary>
internal static class StackOutputsFile
{
    private const string StackName = "CognitoAuthStack";

    /// <summary>Maps the stack outputs to client configuration keys.</summary>
    /// <exception cref="SampleException">The file is missing or is not a CognitoAuthStack outputs file.</exception>
    public static Dictionary<string, string?> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SampleException($"The outputs file '{path}' does not exist: start the local stack (bin/local) or deploy (bin/deploy) first.");
        }

        JsonElement stack;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (!document.RootElement.TryGetProperty(StackName, out var element) || element.ValueKind != JsonValueKind.Object)
            {
                throw new SampleException($"'{path}' has no \"{StackName}\" object: is it a stack outputs file?");
            }

            stack = element.Clone();
        }
        catch (JsonException exception)
        {
            throw new SampleException($"'{path}' is not valid JSON: {exception.Message}");
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Map(stack, "Region", "Region", settings);
        Map(stack, "UserPoolId", "UserPoolId", settings);
        Map(stack, "UserPoolClientId", "ClientId", settings);
        Map(stack, "ApiUrl", "ApiBaseAddress", settings);
        Map(stack, "CognitoEndpoint", "ServiceUrl", settings);

        // The machine client (client credentials) of the second round; a deployed stack never outputs its secret.
        Map(stack, "MachineClientId", "Machine:ClientId", settings);
        Map(stack, "MachineClientSecret", "Machine:ClientSecret", settings);
        Map(stack, "TokenEndpoint", "Machine:TokenEndpoint", settings);
        foreach (var required in new[] { "UserPoolClientId", "ApiUrl" })
        {
            if (!stack.TryGetProperty(required, out _))
            {
                throw new SampleException($"'{path}' lacks the output \"{required}\".");
            }
        }

        return settings;
    }

    private static void Map(JsonElement stack, string output, string key, Dictionary<string, string?> settings)
    {
        if (stack.TryGetProperty(output, out var value) && value.ValueKind == JsonValueKind.String)
        {
            settings[$"CognitoAuth:{key}"] = value.GetString();
        }
    }
}
