namespace CognitoAuth.Client.DependencyInjection;

/// <summary>The names registered with <c>AddCognitoApiClient</c>, collected through the options system.</summary>
internal sealed class CognitoApiClientRegistry
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
}
