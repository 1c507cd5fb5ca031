using System.Text.RegularExpressions;
using CognitoAuth.Testing;

namespace CognitoAuth.Client.Tests;

/// <summary>
/// The package's layout, as docs/ARCHITECTURE.md draws it: the public surface in the project's root folder (and the DI
/// extensions), each folder a layer that uses only the one below it and the shared Configuration and Diagnostics. Checked on
/// the source: a file uses a layer by a <c>using</c> of its namespace or a name qualified with it.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot.Path, "src", "CognitoAuth.Client");

    // What each folder may use besides itself and the root folder's public types.
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        ["DependencyInjection"] = ["Http", "Tokens", "Authentication", "Cognito", "Configuration", "Diagnostics"],
        ["Http"] = ["Tokens", "Configuration", "Diagnostics"],
        ["Tokens"] = ["Authentication", "Configuration", "Diagnostics"],
        ["Authentication"] = ["Cognito", "Configuration", "Diagnostics"],
        ["Configuration"] = ["Cognito", "Diagnostics"],
        ["Cognito"] = ["Diagnostics"],
        ["Diagnostics"] = [],
        [""] = ["Diagnostics"],
    };

    [Fact]
    public void EveryFolder_IsALayer()
    {
        var folders = Directory.GetDirectories(Source).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj"));

        Assert.Equal(MayUse.Keys.Where(k => k.Length > 0).Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EachLayer_UsesOnlyTheLayersBelowIt()
    {
        var violations = new List<string>();
        foreach (var file in SourceFiles())
        {
            var layer = LayerOf(file);
            var text = File.ReadAllText(file);
            var used = UsingDirective().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(QualifiedName().Matches(text).Select(m => m.Groups[1].Value))
                .Distinct(StringComparer.Ordinal)
                .Where(u => u != layer && !MayUse[layer].Contains(u));
            violations.AddRange(used.Select(u => $"{Path.GetRelativePath(Source, file)} ({(layer.Length == 0 ? "root" : layer)}) uses {u}"));
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void PublicTypes_AreDeclaredInTheRootFolderOrDependencyInjection_AndTheRootHoldsOnlyThem()
    {
        var misplaced = new List<string>();
        foreach (var file in SourceFiles())
        {
            var isPublic = PublicTopLevelType().IsMatch(File.ReadAllText(file));
            if (isPublic != LayerOf(file) is "" or "DependencyInjection")
            {
                misplaced.Add($"{Path.GetRelativePath(Source, file)}: {(isPublic ? "public, in a layer" : "internal, in the root folder")}");
            }
        }

        Assert.Empty(misplaced);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string LayerOf(string file)
    {
        var relative = Path.GetRelativePath(Source, file);
        var slash = relative.IndexOf(Path.DirectorySeparatorChar);
        return slash < 0 ? string.Empty : relative[..slash];
    }

    [GeneratedRegex(@"^using CognitoAuth\.Client\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(?:CognitoAuth\.Client\.)?(Http|Tokens|Authentication|Cognito|Configuration|Diagnostics|DependencyInjection)\.[A-Z]\w*\b(?!\s*;)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^public (?:sealed |static |abstract )?(?:partial )?(?:class|interface|enum|record|struct) ", RegexOptions.Multiline)]
    private static partial Regex PublicTopLevelType();
}
