using System.Net.Http.Headers;
using System.Text.Json;

namespace CognitoAuth.Sample;

/// <summary>
/// A typed client for the reference API. It knows nothing of Cognito: the handler that
/// <c>AddCognitoApiClient&lt;ProtectedApiClient&gt;</c> puts in front of its <see cref="HttpClient"/> signs in and adds the token.
/// </summary>
internal sealed class ProtectedApiClient(HttpClient http)
{
    /// <summary><c>GET hello</c>: the API's greeting.</summary>
    public Task<string> GetHelloAsync(CancellationToken cancellationToken) => GetStringAsync("hello", cancellationToken);

    /// <summary><c>GET scoped/hello</c>: the greeting behind the route scope <c>cognito-auth-api/hello.read</c>.</summary>
    public Task<string> GetScopedHelloAsync(CancellationToken cancellationToken) => GetStringAsync("scoped/hello", cancellationToken);

    /// <summary><c>GET me</c>: who the API thinks the caller is, pretty-printed.</summary>
    public async Task<string> GetMeAsync(CancellationToken cancellationToken)
    {
        var json = await GetStringAsync("me", cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, SampleJsonContext.Default.JsonElement);
    }

    private async Task<string> GetStringAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}", null, response.StatusCode);
        }

        return body;
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
