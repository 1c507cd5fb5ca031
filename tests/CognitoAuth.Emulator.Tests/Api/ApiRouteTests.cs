using CognitoAuth.Emulator.Api;

namespace CognitoAuth.Emulator.Tests.Api;

public sealed class ApiRouteTests
{
    private static readonly ApiRoute[] Routes =
    [
        Route("GET /pets/{id}"),
        Route("GET /pets/mine"),
        Route("ANY /files/{path+}"),
        Route("GET /files/{path+}"),
        Route("$default"),
    ];

    [Theory]
    [InlineData("GET", "/pets/mine", "GET /pets/mine", "")]
    [InlineData("GET", "/pets/42", "GET /pets/{id}", "id=42")]
    [InlineData("GET", "/files/a/b%20c.txt", "GET /files/{path+}", "path=a/b c.txt")]
    [InlineData("PUT", "/files/a/b", "ANY /files/{path+}", "path=a/b")]
    [InlineData("GET", "/pets/42/toys", "$default", "")]
    [InlineData("POST", "/anything", "$default", "")]
    public void Select_MostSpecificRouteWins_WithItsPathParameters(string method, string path, string routeKey, string parameters)
    {
        var (route, bound) = ApiRoute.Select(Routes, method, path)!.Value;

        Assert.Equal(routeKey, route.RouteKey);
        Assert.Equal(parameters, string.Join('&', bound.Select(p => $"{p.Key}={p.Value}")));
    }

    [Fact]
    public void Select_NoDefaultRoute_NothingMatchesAnUnknownPath()
    {
        Assert.Null(ApiRoute.Select([Route("GET /hello")], "GET", "/hello/there"));
        Assert.Null(ApiRoute.Select([Route("GET /hello")], "POST", "/hello"));
    }

    [Fact]
    public void New_NotARouteKey_Refused() => Assert.Throws<FormatException>(() => Route("hello"));

    private static ApiRoute Route(string key) => new(key, key, ApiRoute.None, null, [], "integration");
}
