using System.Net;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// Refuses cross-site form posts to the emulator's own pages (the managed login's forms, the local page's actions): a POST
/// must come from a page of the same origin — its <c>Origin</c> header equal to <c>http://{Host}</c>, or, where a browser
/// sends no Origin, <c>Sec-Fetch-Site: same-origin</c> — and name the emulator by a loopback host, so neither another site
/// open in the browser nor a DNS-rebound name can drive it. A request with neither header (curl, scripts) is refused too:
/// these are pages for a browser; scripts have the JSON API.
/// </summary>
internal static class SameOriginGuard
{
    public static bool Allows(HttpRequest request)
    {
        if (!IsLoopbackHost(request.Host.Host))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.Ordinal);
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
