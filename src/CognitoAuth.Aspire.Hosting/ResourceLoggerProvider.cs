using Microsoft.Extensions.Logging;

namespace CognitoAuth.Aspire.Hosting;

/// <summary>Sends the emulator's logs (one line per request, never a credential or token) to its resource's console in the dashboard.</summary>
internal sealed class ResourceLoggerProvider(ILogger resourceLogger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => resourceLogger;

    public void Dispose()
    {
    }
}
