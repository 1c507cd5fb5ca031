namespace CognitoAuth.Client;

/// <summary>
/// Opens a page in the person's browser, for <see cref="CognitoAuthFlow.AuthorizationCode"/>: the pool's managed login to
/// sign in, its <c>/logout</c> page to sign out. The default runs <c>$BROWSER</c> when it is set (with the URL as its one
/// argument), else the platform's opener (<c>xdg-open</c> on Linux, <c>open</c> on macOS, the shell's default browser on
/// Windows). Register another implementation (<c>services.AddSingleton&lt;ICognitoBrowser, MyBrowser&gt;()</c>) to open
/// an embedded browser, to print the URL for the person to open, or to drive a headless browser in tests.
/// </summary>
/// <remarks>
/// The page the browser is sent to ends in a redirect to <see cref="CognitoApiClientOptions.RedirectUri"/> (or
/// <see cref="CognitoApiClientOptions.LogoutUri"/>), where the client is already listening: an implementation may follow the
/// whole exchange before it returns, or return as soon as the browser has the URL. The URL carries no token or secret, only
/// the one-time <c>state</c>, <c>nonce</c> and PKCE challenge of this sign-in.
/// </remarks>
public interface ICognitoBrowser
{
    /// <summary>Sends the browser to <paramref name="url"/>; fails when no browser could be asked.</summary>
    /// <param name="url">The page to open (the authorize endpoint with this sign-in's parameters, or the logout page).</param>
    /// <param name="cancellationToken">Gives up the attempt to open it.</param>
    /// <returns>A task that completes once the browser was asked to open the page.</returns>
    Task OpenAsync(Uri url, CancellationToken cancellationToken);
}
