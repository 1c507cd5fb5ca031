using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// The request target as it came over the wire, split into path and query, still percent-encoded: what SigV4
/// signs and what API Gateway passes as <c>rawPath</c> and <c>rawQueryString</c>.
/// </summary>
internal static class RequestTarget
{
    public static (string RawPath, string RawQuery) Of(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            raw = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? (raw, string.Empty) : (raw[..query], raw[(query + 1)..]);
    }
}
