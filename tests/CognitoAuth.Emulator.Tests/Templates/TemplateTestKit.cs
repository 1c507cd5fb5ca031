using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Templates;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary>Templates written to a temporary folder, read and resolved as the emulator reads them.</summary>
internal sealed class TemplateFolder : IDisposable
{
    public TemplateFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cognitoauth-templates-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

internal static class TemplateKit
{
    public static readonly PseudoParameters Pseudo = new("eu-west-1", "000000000000", "TestStack", "arn:aws:cloudformation:eu-west-1:000000000000:stack/TestStack/id");

    /// <summary>Reads a template's text, resolves its parameters and checks its references and order, as a start does.</summary>
    public static (StackTemplate Template, TemplateResolver Resolver, IReadOnlyList<TemplateResource> Order) Prepare(string text, Dictionary<string, string>? parameters = null)
    {
        var template = StackTemplate.From(TemplateReader.Parse(text, "test"), "/tmp/test.yaml");
        var resolver = new TemplateResolver(template, Pseudo, TemplateParameters.Resolve(template, parameters ?? []));
        return (template, resolver, DeploymentOrder.Of(template, resolver));
    }

    /// <summary>Resolves a template's Outputs after marking each resource deployed with Ref = its logical id in lower case.</summary>
    public static Dictionary<string, JsonNode?> Outputs(string text, Dictionary<string, string>? parameters = null)
    {
        var (template, resolver, order) = Prepare(text, parameters);
        foreach (var resource in order)
        {
            resolver.Deployed(new DeployedResource(resource.LogicalId, resource.Type, resource.LogicalId.ToLowerInvariant(), new Dictionary<string, JsonNode>
            {
                ["Arn"] = JsonValue.Create($"arn:test:{resource.LogicalId}"),
            }));
        }

        return template.Outputs.ToDictionary(o => o.Key, o => resolver.Resolve(o.Value!["Value"], $"Outputs.{o.Key}"));
    }
}
