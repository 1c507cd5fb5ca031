using System.Net;
using System.Net.Http.Json;
using CognitoAuth.Client.Tests.Fakes;

namespace CognitoAuth.Client.Tests.Http;

/// <summary>After a 401 the request is sent again with a renewed token when its content produces the same bytes twice.</summary>
public sealed class ResendTests
{
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    public static TheoryData<string, Func<HttpContent>> Resendable => new()
    {
        { "json", () => JsonContent.Create(new Greeting("hi")) },
        { "form", () => new FormUrlEncodedContent([new("greeting", "hi")]) },
        { "string", () => new StringContent("""{"greeting":"hi"}""") },
        { "bytes", () => new ByteArrayContent("hi"u8.ToArray()) },
        { "memory", () => new ReadOnlyMemoryContent("hi"u8.ToArray()) },
        { "multipart", () => new MultipartFormDataContent("boundary") { { new StringContent("hi"), "greeting" } } },
    };

    [Theory]
    [MemberData(nameof(Resendable))]
    public async Task PostAsync_UnauthorizedOnce_SendsTheSameBodyAgainWithARenewedToken(string kind, Func<HttpContent> create)
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        harness.Api.Respond = _ => new HttpResponseMessage(harness.Api.Requests.Count == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);

        using var content = create();
        using var response = await http.PostAsync(Hello, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = harness.Api.Requests.ToArray();
        Assert.Equal(2, sent.Length);
        Assert.False(string.IsNullOrEmpty(sent[0].Body), kind);
        Assert.Equal(sent[0].Body, sent[1].Body);
        Assert.NotEqual(sent[0].Token, sent[1].Token);
    }

    [Fact]
    public async Task PostAsync_MultipartWithAStreamPart_ReturnsThe401WithoutSendingAgain()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        harness.Api.Respond = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized);

        using var content = new MultipartFormDataContent { { new StreamContent(new MemoryStream([1, 2, 3])), "file", "a.bin" } };
        using var response = await http.PostAsync(Hello, content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(harness.Api.Requests);
    }

    private sealed record Greeting(string Text);
}
