namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// The test classes that build consumer apps against one <see cref="PackedPackages"/>: packed once, and run one after
/// another (each test is a whole build; two at once on a 2-core machine would only slow both).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
