using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;
using CognitoAuth.IntegrationTests.Infrastructure;
using CognitoAuth.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// What <c>dotnet pack</c> makes of the five packages (Contract 7): each with its README, the MIT license, the repository and
/// commit SourceLink read from git, and a symbols package whose portable PDBs carry the generated sources; the emulator
/// library with the reference stack's assemblies inside it, the tool as a dotnet tool, the Aspire package on the
/// emulator's package.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageContentsTests(PackedPackages packages)
{
    // Portable PDB custom debug information: a source file embedded in the PDB (SourceLink's EmbedUntrackedSources).
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static TheoryData<string> Packages => [.. PackedPackages.PackedProjects];

    [Theory]
    [MemberData(nameof(Packages))]
    public async Task Package_HasReadmeLicenseRepositoryCommitAndSymbols(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.nupkg"));
        var metadata = Metadata(package, id);

        Assert.Equal("MIT", Element(metadata, "license").Value);
        Assert.Equal("expression", Element(metadata, "license").Attribute("type")?.Value);
        var readme = Element(metadata, "readme").Value;
        Assert.NotNull(package.GetEntry(readme));
        Assert.Contains(id, new StreamReader(package.GetEntry(readme)!.Open()).ReadToEnd(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "description").Value));

        var repository = Element(metadata, "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal("https://github.com/cognitoauth/cognitoauth.git", repository.Attribute("url")?.Value);
        var head = await ProcessRunner.RunAsync("git", ["rev-parse", "HEAD"], RepositoryRoot.Path);
        Assert.Equal(head.StandardOutput.Trim(), repository.Attribute("commit")?.Value);

        // Every assembly of ours in the package has its portable PDB in the .snupkg, with the generated sources embedded
        // (the tool also carries its dependencies' assemblies, whose symbols are their own packages').
        using var symbols = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.snupkg"));
        var assemblies = package.Entries.Where(e => e.Name.StartsWith("CognitoAuth.", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(assemblies);
        foreach (var assembly in assemblies)
        {
            var pdb = symbols.GetEntry(Path.ChangeExtension(assembly.FullName, ".pdb"));
            Assert.True(pdb is not null, $"{id}: no symbols for {assembly.FullName}");
            using var stream = new MemoryStream();
            await using (var entry = pdb.Open())
            {
                await entry.CopyToAsync(stream);
            }

            stream.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
            var reader = provider.GetMetadataReader();
            Assert.True(
                reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation).Any(c => reader.GetGuid(c.Kind) == EmbeddedSource),
                $"{id}: {pdb.FullName} embeds no source (SourceLink's EmbedUntrackedSources)");
        }
    }

    [Fact]
    public void EmulatorPackage_IsALibraryCarryingTheReferenceStack_OnAspNetCore()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"CognitoAuth.Emulator.{packages.Version}.nupkg"));
        var metadata = Metadata(package, "CognitoAuth.Emulator");

        foreach (var assembly in new[] { "CognitoAuth.Emulator", "CognitoAuth.Reference", "CognitoAuth.Function" })
        {
            Assert.NotNull(package.GetEntry($"lib/net10.0/{assembly}.dll"));
        }

        Assert.DoesNotContain(All(metadata, "packageType"), t => t.Attribute("name")?.Value == "DotnetTool");
        Assert.Contains(All(metadata, "frameworkReference"), f => f.Attribute("name")?.Value == "Microsoft.AspNetCore.App");
        var dependencies = All(metadata, "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        Assert.Contains("AWSSDK.Core", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("CognitoAuth.", StringComparison.Ordinal) || d == "System.CommandLine");
    }

    [Fact]
    public void ToolPackage_IsTheDotnetToolCognitoAuthEmulator()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"CognitoAuth.Emulator.Tool.{packages.Version}.nupkg"));
        var metadata = Metadata(package, "CognitoAuth.Emulator.Tool");

        Assert.Contains(All(metadata, "packageType"), t => t.Attribute("name")?.Value == "DotnetTool");
        var settings = package.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        var command = XDocument.Load(settings.Open()).Descendants("Command").Single();
        Assert.Equal("cognito-auth-emulator", command.Attribute("Name")?.Value);
        Assert.Equal("CognitoAuth.Emulator.Tool.dll", command.Attribute("EntryPoint")?.Value);
    }

    [Fact]
    public void AspireHostingPackage_DependsOnTheEmulatorPackageOfTheSameVersionAndOnAspireHosting()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"CognitoAuth.Aspire.Hosting.{packages.Version}.nupkg"));
        var dependencies = All(Metadata(package, "CognitoAuth.Aspire.Hosting"), "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);

        Assert.Equal(packages.Version, dependencies["CognitoAuth.Emulator"]);
        Assert.Equal("13.6.5", dependencies["Aspire.Hosting"]);
        Assert.NotNull(package.GetEntry("lib/net10.0/CognitoAuth.Aspire.Hosting.dll"));
    }

    private static XElement Metadata(ZipArchive package, string id)
    {
        using var nuspec = package.GetEntry($"{id}.nuspec")!.Open();
        // The nuspec's namespace varies with what the package uses (a tool's is the 2012/06 schema's).
        var root = XDocument.Load(nuspec).Root!;
        return root.Element(root.Name.Namespace + "metadata")!;
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Element(metadata.Name.Namespace + name) ?? throw new Xunit.Sdk.XunitException($"The nuspec has no <{name}>.");

    private static IEnumerable<XElement> All(XElement metadata, string name) => metadata.Descendants(metadata.Name.Namespace + name);
}
