using System.Net.Http.Json;

namespace CognitoAuth.Client.Http;

/// <summary>Which request content can be sent a second time after a 401, producing the same bytes.</summary>
internal static class ResendableContent
{
    /// <summary>
    /// Content held in memory (<see cref="ByteArrayContent"/> and its <see cref="StringContent"/> and
    /// <see cref="FormUrlEncodedContent"/>, <see cref="ReadOnlyMemoryContent"/>), <see cref="JsonContent"/> (serialised anew from
    /// its value) and multipart content whose parts all are. A stream may already be consumed, so stream content is not.
    /// </summary>
    public static bool Is(HttpContent? content) => content switch
    {
        null or ByteArrayContent or ReadOnlyMemoryContent or JsonContent => true,
        MultipartContent multipart => multipart.All(Is),
        _ => false,
    };
}
