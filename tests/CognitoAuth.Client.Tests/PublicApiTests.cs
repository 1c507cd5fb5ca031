using System.Reflection;
using CognitoAuth.Testing;

namespace CognitoAuth.Client.Tests;

/// <summary>
/// The public API is declared in <c>PublicAPI.*.txt</c> (PublicApiAnalyzers fails the build on any undeclared change);
/// these tests keep that declaration honest and tidy.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string ProjectDirectory = Path.Combine(RepositoryRoot.Path, "src", "CognitoAuth.Client");

    [Theory]
    [InlineData("PublicAPI.Shipped.txt")]
    [InlineData("PublicAPI.Unshipped.txt")]
    public void Declaration_IsSortedWithoutDuplicates(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(ProjectDirectory, file)).Skip(1).Where(l => l.Length > 0).ToArray();

        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Declaration_NamesEveryPublicType()
    {
        var declared = File.ReadAllLines(Path.Combine(ProjectDirectory, "PublicAPI.Shipped.txt"))
            .Concat(File.ReadAllLines(Path.Combine(ProjectDirectory, "PublicAPI.Unshipped.txt")))
            .ToHashSet(StringComparer.Ordinal);

        var undeclared = typeof(CognitoApiClientOptions).Assembly.GetExportedTypes()
            .Select(t => t.FullName!)
            .Where(name => !declared.Contains(name));

        Assert.Empty(undeclared);
    }

    [Fact]
    public void PublicSurface_IsTheExpectedSetOfTypes()
    {
        var types = typeof(CognitoApiClientOptions).Assembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "CognitoAuth.Client.CognitoApiClientOptions",
                "CognitoAuth.Client.CognitoAuthDiagnostics",
                "CognitoAuth.Client.CognitoAuthFlow",
                "CognitoAuth.Client.CognitoAuthenticationException",
                "CognitoAuth.Client.CognitoChallenge",
                "CognitoAuth.Client.CognitoDevice",
                "CognitoAuth.Client.CognitoErrorCodes",
                "CognitoAuth.Client.CognitoException",
                "CognitoAuth.Client.CognitoTokenEndpointAuthMethod",
                "CognitoAuth.Client.CognitoTokenSet",
                "CognitoAuth.Client.CognitoTokenType",
                "CognitoAuth.Client.CognitoTotpSecret",
                "CognitoAuth.Client.ICognitoBrowser",
                "CognitoAuth.Client.ICognitoChallengeHandler",
                "CognitoAuth.Client.ICognitoRenewalLock",
                "CognitoAuth.Client.ICognitoTokenProvider",
                "CognitoAuth.Client.ICognitoTokenStore",
                "CognitoAuth.Client.ICognitoTotpEnrolment",
                "CognitoAuth.Client.ICognitoUserCreator",
                "Microsoft.Extensions.DependencyInjection.CognitoApiClientServiceCollectionExtensions",
                "Microsoft.Extensions.DependencyInjection.CognitoBearerTokenHttpClientBuilderExtensions",
                "Microsoft.Extensions.DependencyInjection.CognitoTokenFileCacheServiceCollectionExtensions",
            ],
            types);
    }
}
