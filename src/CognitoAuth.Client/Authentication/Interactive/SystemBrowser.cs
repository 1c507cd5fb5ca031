using System.ComponentModel;
using System.Diagnostics;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// The default <see cref="ICognitoBrowser"/>: <c>$BROWSER</c> when it is set, run with the URL as its one argument; else the
/// platform's opener — <c>xdg-open</c> (Linux, BSD), <c>open</c> (macOS), and on Windows the shell's default handler for the
/// URL, which is what <c>cmd /c start</c> reaches, without cmd's parsing of the <c>&amp;</c> between the URL's parameters.
/// The command is started and not awaited: a browser started by it may run for hours.
/// </summary>
internal sealed class SystemBrowser(ILogger<SystemBrowser> logger, Func<string, string?>? environment = null) : ICognitoBrowser
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public Task OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        cancellationToken.ThrowIfCancellationRequested();
        if (Start(url) is { } process)
        {
            _ = ObserveAsync(process);
        }

        return Task.CompletedTask;
    }

    /// <summary>How <paramref name="url"/> is opened on this platform, given the value of <c>BROWSER</c>.</summary>
    internal static ProcessStartInfo StartInfo(Uri url, string? browserVariable)
    {
        if (!string.IsNullOrWhiteSpace(browserVariable))
        {
            return Command(browserVariable.Trim(), url);
        }

        if (OperatingSystem.IsWindows())
        {
            return new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
        }

        return Command(OperatingSystem.IsMacOS() ? "open" : "xdg-open", url);
    }

    /// <summary>
    /// Starts the opener; the process is handed back so that tests can await it (none when the Windows shell handed the URL
    /// to a browser already running).
    /// </summary>
    /// <exception cref="CognitoAuthenticationException">The command could not be started.</exception>
    internal Process? Start(Uri url)
    {
        var variable = _environment("BROWSER");
        var startInfo = StartInfo(url, variable);
        try
        {
            return Process.Start(startInfo);
        }
        catch (Win32Exception exception)
        {
            throw new CognitoAuthenticationException(
                $"Could not open a browser for the sign-in: '{startInfo.FileName}' did not start ({exception.Message}). " +
                (string.IsNullOrWhiteSpace(variable)
                    ? "Set BROWSER to a browser's command, or register an ICognitoBrowser that opens the page another way."
                    : "BROWSER names that command: set it to a browser's command, or register an ICognitoBrowser that opens the page another way."));
        }
    }

    private static ProcessStartInfo Command(string fileName, Uri url)
    {
        var startInfo = new ProcessStartInfo(fileName) { UseShellExecute = false };
        startInfo.ArgumentList.Add(url.AbsoluteUri);
        return startInfo;
    }

    /// <summary>An opener that fails says so when it exits (xdg-open exits 3 or 4 when it finds no browser).</summary>
    private async Task ObserveAsync(Process process)
    {
        using (process)
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                Log.BrowserCommandFailed(logger, process.StartInfo.FileName, process.ExitCode);
            }
        }
    }
}
