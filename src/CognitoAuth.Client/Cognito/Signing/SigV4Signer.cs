using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace CognitoAuth.Client.Cognito.Signing;

/// <summary>
/// AWS Signature Version 4 for JSON 1.1 requests. This class only builds the canonical request (the part that
/// depends on how the request is laid out); hashing, the signing key and the signature come from AWSSDK.Core's
/// <see cref="AWS4Signer"/>, so no cryptography is written here.
/// </summary>
internal static class SigV4Signer
{
    /// <summary>The signing name of Cognito user pools.</summary>
    public const string CognitoService = "cognito-idp";

    private const string DateHeader = "X-Amz-Date";
    private const string SecurityTokenHeader = "X-Amz-Security-Token";
    private const string AuthorizationHeader = "Authorization";

    /// <summary>
    /// Signs <paramref name="request"/> in place: sets <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (when the
    /// credentials carry a session token) and <c>Authorization</c>, replacing any earlier signature (a retry re-signs).
    /// Signs <c>host</c>, <c>content-type</c> and every <c>x-amz-*</c> header: only headers this layer sets, so a
    /// handler or proxy that adds, say, <c>traceparent</c> further down cannot invalidate the signature.
    /// </summary>
    public static void Sign(HttpRequestMessage request, byte[] body, ImmutableCredentials credentials, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (uri.Query.Length > 0)
        {
            // Cognito endpoints take no query; supporting one would mean canonicalizing it for nothing.
            throw new ArgumentException("SigV4 signing here supports endpoints without a query string.", nameof(request));
        }

        var signedAt = now.UtcDateTime;
        request.Headers.Remove(AuthorizationHeader);
        request.Headers.Remove(DateHeader);
        request.Headers.Remove(SecurityTokenHeader);
        request.Headers.TryAddWithoutValidation(DateHeader, AWS4Signer.FormatDateTime(signedAt, AWSSDKUtils.ISO8601BasicDateTimeFormat));
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.Token);
        }

        var canonicalRequest = CreateCanonicalRequest(request.Method.Method, CanonicalUri(uri), SignedHeaders(request, uri), HashPayload(body), out var signedHeaders);
        request.Headers.TryAddWithoutValidation(AuthorizationHeader, CreateAuthorization(credentials, region, service, signedAt, signedHeaders, canonicalRequest));
    }

    /// <summary>
    /// The canonical request of SigV4 (task 1) for a request without a query string: header names lower-cased and
    /// sorted, values trimmed with inner runs of spaces collapsed, repeated headers joined with commas in order.
    /// </summary>
    public static string CreateCanonicalRequest(string method, string canonicalUri, IEnumerable<KeyValuePair<string, string>> headers, string payloadHash, out string signedHeaders)
    {
        var canonicalHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.ToLowerInvariant();
            var normalized = AWSSDKUtils.CompressSpaces(value).Trim();
            canonicalHeaders[key] = canonicalHeaders.TryGetValue(key, out var earlier) ? $"{earlier},{normalized}" : normalized;
        }

        signedHeaders = string.Join(';', canonicalHeaders.Keys);
        var builder = new StringBuilder(256)
            .Append(method).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append('\n'); // the canonical query string: always empty here
        foreach (var (name, value) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash).ToString();
    }

    /// <summary>The <c>Authorization</c> header value for a canonical request (SigV4 tasks 2–4, done by AWSSDK.Core).</summary>
    public static string CreateAuthorization(ImmutableCredentials credentials, string region, string service, DateTime signedAt, string signedHeaders, string canonicalRequest) =>
        AWS4Signer.ComputeSignature(credentials, region, signedAt, service, signedHeaders, canonicalRequest).ForAuthorizationHeader;

    /// <summary>The lower-case hex SHA-256 of the payload.</summary>
    public static string HashPayload(byte[] body) => AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body), true);

    /// <summary>The URI path, each byte outside RFC 3986's unreserved set percent-encoded once more (SigV4 for every service but S3).</summary>
    private static string CanonicalUri(Uri uri) =>
        uri.AbsolutePath.Length == 0 ? "/" : Uri.EscapeDataString(uri.AbsolutePath).Replace("%2F", "/", StringComparison.Ordinal);

    private static IEnumerable<KeyValuePair<string, string>> SignedHeaders(HttpRequestMessage request, Uri uri)
    {
        yield return new("host", request.Headers.Host ?? HostHeader(uri));
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            yield return new("content-type", contentType.ToString());
        }

        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    yield return new(name, value);
                }
            }
        }
    }

    // What HttpClient sends as Host: the punycode host, bracketed when IPv6, with the port unless it is the scheme's default.
    private static string HostHeader(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port}";
    }
}
