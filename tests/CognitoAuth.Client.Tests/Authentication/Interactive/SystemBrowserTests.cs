using CognitoAuth.Client.Authentication.Interactive;
using Microsoft.Extensions.Logging.Abstractions;

namespace CognitoAuth.Client.Tests.Authentication.Interactive;

/// <summary>The default browser hook: <c>$BROWSER</c> run with the URL as its one argument, else the platform's opener.</summary>
public sealed class SystemBrowserTests
{
    private static readonly Uri Url = new("https://d.auth.ap-northeast-1.amazoncognito.com/oauth2/authorize?response_type=code&client_id=c&state=s%20t");

    [Fact]
    public void StartInfo_NoBrowserVariable_IsThePlatformsOpener()
    {
        var startInfo = SystemBrowser.StartInfo(Url, browserVariable: null);

        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(Url.AbsoluteUri, startInfo.FileName);
            Assert.True(startInfo.UseShellExecute);
        }
        else
        {
            Assert.Equal(OperatingSystem.IsMacOS() ? "open" : "xdg-open", startInfo.FileName);
            Assert.Equal([Url.AbsoluteUri], startInfo.ArgumentList);
            Assert.False(startInfo.UseShellExecute);
        }
    }

    [Fact]
    public async Task Open_BrowserVariable_RunsItWithTheUrlAsItsOneArgument()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("cognito-browser-");
        try
        {
            var script = Path.Combine(folder.FullName, "fake browser");
            var output = Path.Combine(folder.FullName, "opened.txt");
            await File.WriteAllTextAsync(script, $"#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > '{output}'\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var browser = new SystemBrowser(NullLogger<SystemBrowser>.Instance, name => name == "BROWSER" ? script : null);

            using var process = browser.Start(Url)!;
            await process.WaitForExitAsync();

            Assert.Equal(["1", Url.AbsoluteUri], await File.ReadAllLinesAsync(output));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Open_BrowserCommandMissing_ClearErrorSayingWhatToSet()
    {
        var browser = new SystemBrowser(NullLogger<SystemBrowser>.Instance, name => name == "BROWSER" ? "/nonexistent/browser-command" : null);

        var error = Assert.Throws<CognitoAuthenticationException>(() => browser.OpenAsync(Url, CancellationToken.None).GetAwaiter().GetResult());

        Assert.Contains("/nonexistent/browser-command", error.Message, StringComparison.Ordinal);
        Assert.Contains("BROWSER", error.Message, StringComparison.Ordinal);
        Assert.Contains("ICognitoBrowser", error.Message, StringComparison.Ordinal);
    }
}
