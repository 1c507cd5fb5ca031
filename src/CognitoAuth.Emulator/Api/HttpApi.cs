using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// One HTTP API as API Gateway holds it: its routes, JWT authorizers and Lambda proxy integrations, and the stage it is
/// served on (<c>$default</c> at the root; a named stage under <c>/{stage}/</c>). The built-in reference stack is one; a
/// template deploys any number.
/// </summary>
internal sealed class HttpApi(string id, string name)
{
    public const string DefaultStage = "$default";

    public string Id { get; } = id;

    public string Name { get; } = name;

    public List<ApiRoute> Routes { get; } = [];

    public Dictionary<string, ApiAuthorizer> Authorizers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ApiIntegration> Integrations { get; } = new(StringComparer.Ordinal);

    /// <summary>The deployed stages; an API without one answers nothing, as in API Gateway.</summary>
    public List<string> Stages { get; } = [];

    /// <summary>The reference stack's API: its routes behind one JWT authorizer, each integrated with the one function.</summary>
    public static HttpApi Reference(IReadOnlyList<RouteDefinition> routes, JwtAuthorizer authorizer, LambdaFunction function, string apiId)
    {
        var api = new HttpApi(apiId, ReferenceStack.Api.Name);
        api.Authorizers["reference"] = new ApiAuthorizer("reference", ReferenceStack.Api.AuthorizerName, authorizer, null);
        api.Integrations["reference"] = new ApiIntegration("reference", function.Handler, function);
        foreach (var route in routes)
        {
            api.Routes.Add(new ApiRoute(route.RouteKey, route.RouteKey, ApiRoute.Jwt, "reference", route.AuthorizationScopes, "reference"));
        }

        api.Stages.Add(DefaultStage);
        return api;
    }

    public override string ToString() => $"HttpApi {{ Id = {Id}, Name = {Name}, Routes = {Routes.Count} }}";
}

/// <summary>
/// A JWT authorizer of an API; <see cref="Jwt"/> is <see langword="null"/> when its issuer is not a pool the emulator serves
/// (it cannot fetch another issuer's keys offline), and then every request it guards is refused with <see cref="Problem"/>.
/// </summary>
internal sealed record ApiAuthorizer(string Id, string Name, JwtAuthorizer? Jwt, string? Problem)
{
    /// <summary>The request header holding the token (<c>$request.header.NAME</c>).</summary>
    public string IdentityHeader { get; init; } = "Authorization";
}

/// <summary>
/// A Lambda proxy integration (payload format 2.0): the function by name, and its code when the emulator has it. A function
/// without local code runs where Contract 5's runner finds it by <see cref="FunctionArn"/> (<c>--lambda</c>, an in-process
/// delegate, <c>--lambda-endpoint</c>); found nowhere, the request answers 500.
/// </summary>
internal sealed record ApiIntegration(string Id, string FunctionName, LambdaFunction? Function)
{
    /// <summary>API Gateway's default (and largest) integration timeout for HTTP APIs.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The function's ARN, for the runner; <see langword="null"/> when only local code can run it.</summary>
    public LambdaArn? FunctionArn { get; init; }

    /// <summary>How long API Gateway waits for the function (<c>TimeoutInMillis</c>).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
}
