using System.Text.RegularExpressions;
using CognitoAuth.Emulator.Templates;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary>docs/EMULATOR.md's table of resource types and properties is the code's: nothing missing, nothing extra.</summary>
public sealed partial class TemplateDocsTests
{
    [Fact]
    public void EmulatorDocs_ResourceTable_ListsEveryTypeWithExactlyThePropertiesItHonours()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "EMULATOR.md"));
        var section = docs[docs.IndexOf("## Templates", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = Row().Matches(section).ToDictionary(
            m => m.Groups["type"].Value,
            m => Code().Matches(m.Groups["properties"].Value).Select(c => c.Groups[1].Value).ToList());

        Assert.Equal(ResourceType.All.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, type) in ResourceType.All)
        {
            Assert.Equal(type.Properties, documented[name]);
        }
    }

    [GeneratedRegex(@"^\| `(?<type>AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)` \| (?<properties>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
