using System.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Reference;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace CognitoAuth.Emulator.Tests.Api;

/// <summary>The front's handling of a function that fails or answers what API Gateway cannot map.</summary>
public sealed class HttpApiEndpointTests
{
    [Theory]
    [InlineData(nameof(ThrowingFunction))]
    [InlineData(nameof(GarbageFunction))]
    public async Task HandleAsync_FunctionFailsOrAnswersGarbage_500InternalServerErrorWithoutDetails(string functionType)
    {
        using var key = new TestSigningKey();
        using var signingKey = SigningKey.Load(key.Path);
        var endpoint = new HttpApiEndpoint(
            [HttpApi.Reference(
                [new RouteDefinition("GET", "/hello")],
                new JwtAuthorizer("issuer", new HashSet<string> { "client" }, [signingKey], TimeProvider.System),
                LambdaFunction.Load($"CognitoAuth.Emulator.Tests::CognitoAuth.Emulator.Tests.Api.{functionType}::Handle"),
                "api")],
            new RequestCounters(),
            TimeProvider.System,
            NullLogger.Instance);
        var token = TokenForge.SignRsa(key.Rsa, new JsonObject { ["kid"] = signingKey.KeyId, ["alg"] = "RS256" }, new JsonObject
        {
            ["iss"] = "issuer",
            ["client_id"] = "client",
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(),
        });
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/hello";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Headers.Authorization = "Bearer " + token;
        context.Response.Body = new MemoryStream();

        await endpoint.HandleAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}
