using System.Reflection;
using CognitoAuth.Testing;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>The package's public surface: small, sealed or static, declared in PublicAPI.*.txt.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Package = typeof(CognitoRedisTokenStoreOptions).Assembly;

    [Fact]
    public void PublicSurface_IsTheOptionsAndTheRegistration()
    {
        Assert.Equal(
            ["CognitoAuth.Client.Redis.CognitoRedisTokenStoreOptions", "Microsoft.Extensions.DependencyInjection.CognitoRedisServiceCollectionExtensions"],
            Package.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PublicTypes_AreSealedOrStatic() =>
        Assert.DoesNotContain(Package.GetExportedTypes(), t => t.IsClass && !t.IsSealed);

    [Fact]
    public void Declaration_NamesEveryPublicTypeInOrder()
    {
        var root = RepositoryRoot.Path;
        var lines = File.ReadAllLines(Path.Combine(root, "src", "CognitoAuth.Client.Redis", "PublicAPI.Unshipped.txt")).Skip(1).Where(l => l.Length > 0).ToArray();

        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.All(Package.GetExportedTypes(), t => Assert.Contains(t.FullName!, lines));
    }

    [Fact]
    public void AsyncMethods_TakeACancellationTokenLast()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var violations = Package.GetTypes()
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(all))
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && !m.Name.Contains('<', StringComparison.Ordinal) && m.Name != "DisposeAsync")
            .Where(m => m.GetParameters() is var p && (p.Length == 0 || p[^1].ParameterType != typeof(CancellationToken)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.Empty(violations);
    }
}
