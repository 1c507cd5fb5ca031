using System.Net;

namespace CognitoAuth.Client.Configuration;

/// <summary>
/// Whether a URI's host is this machine: <c>localhost</c>, <c>127.0.0.0/8</c> or <c>::1</c> (also IPv4-mapped).
/// </summary>
/// <remarks>
/// Not <see cref="Uri.IsLoopback"/>: on a <see cref="Uri"/> whose host no thread has read yet, threads that read
/// <c>IsLoopback</c> at the same time can get <see langword="false"/> for <c>127.0.0.1</c> (.NET 10.0.12: 42 of 20,000
/// rounds of 4 threads). The first thread publishes the host string before it sets the loopback flag, and the others
/// read the flag in between. The host string itself is published whole, so this reads only that. Every check that
/// allows plain http goes through here, so an app that shares one <see cref="Uri"/> across threads is never refused
/// at random.
/// </remarks>
internal static class Loopback
{
    public static bool Is(Uri uri) => uri.HostNameType switch
    {
        // Uri writes every IPv4 form (127.1, 0x7f.0.0.1, 2130706433) as dotted decimal.
        UriHostNameType.IPv4 => uri.Host.StartsWith("127.", StringComparison.Ordinal),
        UriHostNameType.IPv6 => IPAddress.TryParse(uri.Host, out var address)
            && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address),
        // Uri writes "loopback" as "localhost" and lower-cases DNS names.
        UriHostNameType.Dns => string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
