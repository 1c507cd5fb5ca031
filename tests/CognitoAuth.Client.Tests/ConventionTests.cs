using System.Reflection;
using System.Runtime.CompilerServices;

namespace CognitoAuth.Client.Tests;

/// <summary>The house conventions of the package's public surface, checked over the whole assembly.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Client = typeof(CognitoApiClientOptions).Assembly;

    private static IEnumerable<Type> PublicTypes => Client.GetExportedTypes();

    [Fact]
    public void PublicTypes_AreSealedStaticInterfacesOrEnums()
    {
        // A static class is abstract and sealed in IL, so "not sealed" catches open and abstract classes alike.
        var open = PublicTypes.Where(t => t.IsClass && !t.IsSealed).Select(t => t.FullName);

        Assert.Empty(open);
    }

    [Fact]
    public void PublicTypes_AreNotInAnInternalNamespace()
    {
        Assert.Empty(PublicTypes.Where(t => t.Namespace?.Split('.').Contains("Internal") == true).Select(t => t.FullName));
    }

    [Fact]
    public void PublicTypes_LiveInTheTwoPublicNamespaces()
    {
        Assert.All(PublicTypes, t => Assert.Contains(t.Namespace, new[] { "CognitoAuth.Client", "Microsoft.Extensions.DependencyInjection" }));
    }

    [Fact]
    public void AsyncMethods_EndInAsyncAndTakeCancellationTokenLast()
    {
        var violations = new List<string>();
        foreach (var method in AllMethods())
        {
            var returnsTask = typeof(Task).IsAssignableFrom(method.ReturnType)
                || method.ReturnType == typeof(ValueTask)
                || (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>));
            if (!returnsTask || method.IsSpecialName)
            {
                continue;
            }

            var name = $"{method.DeclaringType!.FullName}.{method.Name}";
            if (!method.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                violations.Add($"{name} does not end in Async");
            }

            var parameters = method.GetParameters();
            if (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken))
            {
                violations.Add($"{name} does not take a CancellationToken last");
            }
        }

        Assert.Empty(violations);
    }

    private static IEnumerable<MethodInfo> AllMethods()
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return Client.GetTypes()
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.Contains('<', StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(declared))
            .Where(m => !m.IsDefined(typeof(CompilerGeneratedAttribute)) && !m.Name.Contains('<', StringComparison.Ordinal))
            // Public and internal members: private helpers of the detached sign-in deliberately take no caller token.
            .Where(m => m.IsPublic || m.IsAssembly)
            // Framework overrides keep the framework's shape (DelegatingHandler.SendAsync, IHostedService, ...).
            .Where(m => m.GetBaseDefinition().DeclaringType!.Assembly == Client)
            .Where(m => !m.DeclaringType!.GetInterfaces().Any(i => i.Assembly != Client && i.GetMethods().Any(im => im.Name == m.Name)));
    }
}
