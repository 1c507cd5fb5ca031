using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class LambdaFunctionTests(SynthesizedStack synthesized)
{
    private const string Function = "AWS::Lambda::Function";

    [Fact]
    public void Function_Runtime_IsTheManagedDotnet10()
    {
        synthesized.Template.ResourceCountIs(Function, 2);
        Assert.Equal("dotnet10", synthesized.ApiFunction.Resource["Properties"]!["Runtime"]!.GetValue<string>());
    }

    [Fact]
    public void Function_Handler_IsTheReferenceHandlerString()
    {
        synthesized.Template.HasResourceProperties(Function, new Dictionary<string, object>
        {
            ["Handler"] = "CognitoAuth.Function::CognitoAuth.Function.ApiFunction::Handle",
        });
        Assert.Equal("CognitoAuth.Function::CognitoAuth.Function.ApiFunction::Handle", ReferenceStack.FunctionHandler);
    }

    [Fact]
    public void Function_Sizing_FollowsTheDefinitionOnX86()
    {
        synthesized.Template.HasResourceProperties(Function, new Dictionary<string, object>
        {
            ["Handler"] = ReferenceStack.FunctionHandler,
            ["MemorySize"] = ReferenceStack.Function.MemorySizeMb,
            ["Timeout"] = (int)ReferenceStack.Function.Timeout.TotalSeconds,
            ["Architectures"] = new object[] { "x86_64" },
        });
    }

    [Fact]
    public void Function_Code_IsTheFunctionFolderAsAnAsset()
    {
        var assets = Directory.GetDirectories(synthesized.OutputDirectory, "asset.*");

        var asset = Assert.Single(assets);
        Assert.True(File.Exists(Path.Combine(asset, "CognitoAuth.Function.dll")));
        var (_, function) = synthesized.ApiFunction;
        Assert.EndsWith(".zip", function["Properties"]!["Code"]!["S3Key"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_Logs_GoToItsOwnLogGroupRetainedForTwoWeeks()
    {
        var (_, function) = synthesized.ApiFunction;
        var logGroupId = function["Properties"]!["LoggingConfig"]!["LogGroup"]!["Ref"]!.GetValue<string>();

        var logGroup = synthesized.Json["Resources"]![logGroupId]!;
        Assert.Equal("AWS::Logs::LogGroup", logGroup["Type"]!.GetValue<string>());
        Assert.Equal(14, logGroup["Properties"]!["RetentionInDays"]!.GetValue<int>());
        Assert.Equal("Delete", logGroup["DeletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void LogGroups_All_HaveRetentionAndAreDeletedWithTheStack()
    {
        var logGroups = synthesized.Resources("AWS::Logs::LogGroup");

        Assert.Equal(3, logGroups.Count);
        Assert.All(logGroups, g =>
        {
            Assert.NotNull(g.Resource["Properties"]!["RetentionInDays"]);
            Assert.Equal("Delete", g.Resource["DeletionPolicy"]!.GetValue<string>());
        });
    }
}
