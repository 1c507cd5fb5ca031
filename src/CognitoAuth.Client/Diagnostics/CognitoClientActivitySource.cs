using System.Diagnostics;

namespace CognitoAuth.Client.Diagnostics;

/// <summary>The client's activities. One shared, immutable source, as .NET libraries do.</summary>
internal static class CognitoClientActivitySource
{
    public static readonly ActivitySource Instance = new(CognitoAuthDiagnostics.ActivitySourceName);
}
