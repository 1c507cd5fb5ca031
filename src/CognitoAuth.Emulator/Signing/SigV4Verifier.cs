using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Signing;

/// <summary>
/// Verifies AWS Signature Version 4 on a request as AWS does: rebuilds the canonical request from what arrived
/// (method, path, query, the signed headers, a hash of the body as received) and compares signatures computed
/// with AWSSDK.Core's own primitives, so a body changed after signing, another secret, region or service, or a
/// stale date is caught with AWS's error code.
/// </summary>
internal sealed class SigV4Verifier(string accessKeyId, string secretAccessKey, string region, TimeProvider clock)
{
    /// <summary>The signing name of the Cognito user pools service.</summary>
    public const string Service = "cognito-idp";

    /// <summary>How far a request's date may be from the service's clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public void Verify(string method, string rawPath, string rawQuery, IHeaderDictionary headers, byte[] body)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            throw SignatureErrors.MissingAuthenticationToken();
        }

        var amzDate = headers["X-Amz-Date"].ToString();
        var date = headers.Date.ToString();
        var header = AuthorizationHeader.Parse(authorization, hasDate: amzDate.Length > 0 || date.Length > 0);

        if (!string.Equals(header.AccessKeyId, accessKeyId, StringComparison.Ordinal))
        {
            throw SignatureErrors.UnrecognizedClient();
        }

        var signedAt = ParseDate(amzDate, date);
        var now = clock.GetUtcNow().UtcDateTime;
        if (signedAt < now - MaxSkew)
        {
            throw SignatureErrors.Expired(signedAt, now, MaxSkew);
        }

        if (signedAt > now + MaxSkew)
        {
            throw SignatureErrors.NotYetCurrent(signedAt, now, MaxSkew);
        }

        var isoDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        if (header.ScopeDate != isoDate[..8])
        {
            throw SignatureErrors.ScopeDateMismatch(header.ScopeDate, isoDate);
        }

        if (header.Terminator != "aws4_request")
        {
            throw SignatureErrors.WrongTerminator(header.Terminator);
        }

        if (header.Region != region)
        {
            throw SignatureErrors.WrongRegion();
        }

        if (header.Service != Service)
        {
            throw SignatureErrors.WrongService(Service);
        }

        var signedHeaderNames = header.SignedHeaders.Split(';');
        if (!signedHeaderNames.Contains("host", StringComparer.Ordinal))
        {
            throw SignatureErrors.HostNotSigned();
        }

        var canonicalRequest = CanonicalRequest(method, rawPath, rawQuery, headers, signedHeaderNames, body);
        var expected = AWS4Signer.ComputeSignature(accessKeyId, secretAccessKey, region, signedAt, Service, header.SignedHeaders, canonicalRequest).Signature;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Signature)))
        {
            throw SignatureErrors.SignatureMismatch();
        }
    }

    /// <summary>The canonical request of SigV4 (method, URI, query, headers, signed header list, payload hash).</summary>
    internal static string CanonicalRequest(string method, string rawPath, string rawQuery, IHeaderDictionary headers, IReadOnlyList<string> signedHeaderNames, byte[] body)
    {
        var builder = new StringBuilder(512);
        builder.Append(method).Append('\n');
        builder.Append(CanonicalUri(rawPath)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaderNames)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(headers[name])).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaderNames)).Append('\n');
        builder.Append(Convert.ToHexStringLower(AWS4Signer.ComputeHash(body)));
        return builder.ToString();
    }

    private static DateTime ParseDate(string amzDate, string date)
    {
        if (amzDate.Length > 0)
        {
            return DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw SignatureErrors.BadDate();
        }

        return DateTime.TryParseExact(date, "r", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var rfc1123)
            ? rfc1123
            : throw SignatureErrors.BadDate();
    }

    // Services other than S3 sign the path with each segment URI-encoded once more (what botocore and the SDKs send).
    private static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(Encode));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return string.Empty;
        }

        var pairs = rawQuery.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Key: Encode(Uri.UnescapeDataString(key)), Value: Encode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    private static string CanonicalHeaderValue(IEnumerable<string?> values) =>
        string.Join(',', values.Select(v => CollapseSpaces((v ?? string.Empty).Trim())));

    private static string CollapseSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value)
        {
            if (c == ' ' && previousSpace)
            {
                continue;
            }

            builder.Append(c);
            previousSpace = c == ' ';
        }

        return builder.ToString();
    }

    // RFC 3986 unreserved characters stay; everything else is %XX with upper-case hex, as SigV4 requires.
    private static string Encode(string value) => Uri.EscapeDataString(value);
}
