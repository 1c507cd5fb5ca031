using Microsoft.Extensions.Logging;

namespace CognitoAuth.Sample;

/// <summary>
/// Shows the client library's own log events (signing in, answering NEW_PASSWORD_REQUIRED, refreshing) as progress lines
/// on standard error, so standard output carries only the answer. The library never logs a secret, so neither does this.
/// </summary>
internal sealed class ProgressLoggerProvider(TextWriter output) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new ProgressLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message)
    {
        var marker = level >= LogLevel.Warning ? "!" : "›";
        lock (_gate)
        {
            output.WriteLine($"  {marker} {message}");
        }
    }

    private sealed class ProgressLogger(ProgressLoggerProvider provider, string category) : ILogger
    {
        // Only the client library's events are progress; the host's own chatter is not.
        private readonly bool _shown = category.StartsWith("CognitoAuth", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _shown && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, formatter(state, exception));
            }
        }
    }
}
