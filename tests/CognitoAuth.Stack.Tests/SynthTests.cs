using System.Text.Json.Nodes;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class SynthTests(SynthesizedStack synthesized)
{
    [Fact]
    public void Synth_Offline_WritesTheTemplateAndManifest()
    {
        Assert.True(File.Exists(Path.Combine(synthesized.OutputDirectory, "CognitoAuthStack.template.json")));
        Assert.True(File.Exists(Path.Combine(synthesized.OutputDirectory, "manifest.json")));
        Assert.Equal(ReferenceStack.StackName, synthesized.Assembly.GetStackByName(ReferenceStack.StackName).StackName);
    }

    [Fact]
    public void Synth_Environment_IsAccountAgnosticInTheReferenceRegion()
    {
        var stack = synthesized.Assembly.GetStackByName(ReferenceStack.StackName);

        Assert.Equal("aws://unknown-account/ap-northeast-1", $"aws://{stack.Environment.Account}/{stack.Environment.Region}");
    }

    [Fact]
    public void Synth_Manifest_NeedsNoContextLookups()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(synthesized.OutputDirectory, "manifest.json")))!;

        // Lookups (VPCs, AMIs, hosted zones, ...) would show up here and need AWS credentials at synth time.
        Assert.Null(manifest["missing"]);
    }

    [Fact]
    public void Synth_Template_HasTheStackDescription()
    {
        Assert.Contains("CognitoAuth reference stack", synthesized.Json["Description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
