using System.Text;
using CognitoAuth.Emulator.Api;

namespace CognitoAuth.Emulator.Tests.Api;

public sealed class HttpApiResponseTests
{
    [Fact]
    public void TryMap_FullResponseObject_MapsStatusHeadersCookiesAndBody()
    {
        var output = """{"statusCode":202,"headers":{"content-type":"text/csv","x-count":3},"cookies":["a=1; Path=/","b=2"],"body":"x,y","isBase64Encoded":false}""";

        var response = HttpApiResponse.TryMap(Encoding.UTF8.GetBytes(output), out var problem);

        Assert.Null(problem);
        Assert.NotNull(response);
        Assert.Equal(202, response.StatusCode);
        Assert.Contains(new KeyValuePair<string, string>("content-type", "text/csv"), response.Headers);
        Assert.Contains(new KeyValuePair<string, string>("x-count", "3"), response.Headers);
        Assert.Equal(["a=1; Path=/", "b=2"], response.Cookies);
        Assert.Equal("x,y", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void TryMap_Base64Body_IsDecoded()
    {
        var output = $$"""{"statusCode":200,"headers":{"content-type":"image/png"},"body":"{{Convert.ToBase64String([1, 2, 255])}}","isBase64Encoded":true}""";

        var response = HttpApiResponse.TryMap(Encoding.UTF8.GetBytes(output), out _);

        Assert.Equal(new byte[] { 1, 2, 255 }, response!.Body);
    }

    [Theory]
    [InlineData("""{"message":"hi"}""")]
    [InlineData("""["a","b"]""")]
    [InlineData("42")]
    public void TryMap_JsonWithoutStatusCode_Becomes200ApplicationJsonWithThatBody(string output)
    {
        var response = HttpApiResponse.TryMap(Encoding.UTF8.GetBytes(output), out _);

        Assert.Equal(200, response!.StatusCode);
        Assert.Contains(new KeyValuePair<string, string>("content-type", "application/json"), response.Headers);
        Assert.Equal(output, Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void TryMap_StatusCodeWithoutContentType_DefaultsToPlainText()
    {
        var response = HttpApiResponse.TryMap("""{"statusCode":204}"""u8.ToArray(), out _);

        Assert.Equal(204, response!.StatusCode);
        Assert.Contains(new KeyValuePair<string, string>("content-type", "text/plain; charset=utf-8"), response.Headers);
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("not json", "the output is not JSON")]
    [InlineData("""{"statusCode":"abc"}""", "statusCode is not an HTTP status code")]
    [InlineData("""{"statusCode":99}""", "statusCode is not an HTTP status code")]
    [InlineData("""{"statusCode":200,"body":"%%%","isBase64Encoded":true}""", "isBase64Encoded is true but the body is not base64")]
    public void TryMap_OutputApiGatewayCannotMap_SaysWhy(string output, string expected)
    {
        var response = HttpApiResponse.TryMap(Encoding.UTF8.GetBytes(output), out var problem);

        Assert.Null(response);
        Assert.Equal(expected, problem);
    }
}
