using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary>
/// Contract 6: an API integration whose function has no local code (inline or S3 code, another runtime) runs through
/// Contract 5's runner — an Invoke API endpoint (<c>--lambda-endpoint</c>) or an in-process function — by the template's
/// <c>FunctionName</c>, else by the logical id; found nowhere, API Gateway's 500 and a log line naming the function.
/// </summary>
public sealed class RemoteFunctionTests : IDisposable
{
    private const string Template = """
        Resources:
          Api:
            Type: AWS::ApiGatewayV2::Api
            Properties: { Name: orders, ProtocolType: HTTP }
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties: { ApiId: !Ref Api, StageName: $default }
          Named:
            Type: AWS::Lambda::Function
            Properties: { FunctionName: orders-fn, Runtime: nodejs22.x, Handler: index.handler, Code: { ZipFile: "exports.handler = async () => ({})" } }
          Unnamed:
            Type: AWS::Lambda::Function
            Properties: { Runtime: python3.13, Handler: app.handler, Code: { S3Bucket: bucket, S3Key: app.zip } }
          NamedIntegration:
            Type: AWS::ApiGatewayV2::Integration
            Properties: { ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Named.Arn, PayloadFormatVersion: "2.0" }
          UnnamedIntegration:
            Type: AWS::ApiGatewayV2::Integration
            Properties:
              ApiId: !Ref Api
              IntegrationType: AWS_PROXY
              IntegrationUri: !Sub "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Unnamed.Arn}/invocations"
              PayloadFormatVersion: "2.0"
          OrdersRoute:
            Type: AWS::ApiGatewayV2::Route
            Properties: { ApiId: !Ref Api, RouteKey: GET /orders, Target: !Sub "integrations/${NamedIntegration}" }
          ReportRoute:
            Type: AWS::ApiGatewayV2::Route
            Properties: { ApiId: !Ref Api, RouteKey: GET /report, Target: !Sub "integrations/${UnnamedIntegration}" }
        """;

    private readonly TemplateFolder _folder = new();

    [Fact]
    public async Task InvokeApiEndpoint_RunsTheIntegrationsFunction_ByItsFunctionName_OrByItsLogicalId()
    {
        await using var lambda = await InvokeApiServer.StartAsync(invocation =>
        {
            // A payload-2.0 function: it answers with the route it was invoked for.
            var routeKey = JsonNode.Parse(invocation.Body)!["routeKey"]!.GetValue<string>();
            return new InvokeApiAnswer(200, Encoding.UTF8.GetBytes($$"""{"statusCode":201,"body":"{{invocation.FunctionName}} served {{routeKey}}"}"""));
        });
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TemplatePath = _folder.Write("orders.yaml", Template),
            LambdaEndpoint = lambda.Url,
        });

        var orders = await GetAsync(emulator, "orders");
        var report = await GetAsync(emulator, "report");

        Assert.Equal((HttpStatusCode.Created, "orders-fn served GET /orders"), orders);
        // CloudFormation would name it {stack}-Unnamed-{suffix}, a name nobody outside knows: the endpoint gets the logical id.
        Assert.Equal((HttpStatusCode.Created, "Unnamed served GET /report"), report);
        var requests = lambda.Requests.ToList();
        Assert.Equal(["/2015-03-31/functions/orders-fn/invocations", "/2015-03-31/functions/Unnamed/invocations"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Contains("/lambda/aws4_request", r.Headers.Authorization.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task InProcessFunctions_RunTheIntegrationsFunction_ByItsFunctionName_OrByItsLogicalId()
    {
        var options = new CognitoEmulatorOptions { TemplatePath = _folder.Write("orders.yaml", Template) };
        options.LambdaFunctions["orders-fn"] = (evt, _) => Task.FromResult<JsonNode?>(new JsonObject { ["statusCode"] = 200, ["body"] = "by name " + evt["rawPath"] });
        options.LambdaFunctions["Unnamed"] = (evt, _) => Task.FromResult<JsonNode?>(new JsonObject { ["statusCode"] = 200, ["body"] = "by logical id " + evt["rawPath"] });
        await using var emulator = await CognitoEmulator.StartAsync(options);

        Assert.Equal((HttpStatusCode.OK, "by name /orders"), await GetAsync(emulator, "orders"));
        Assert.Equal((HttpStatusCode.OK, "by logical id /report"), await GetAsync(emulator, "report"));
    }

    [Fact]
    public async Task NothingRunsTheFunction_Answers500_AndTheLogNamesTheFunctionAndHowToRunIt()
    {
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = _folder.Write("orders.yaml", Template), LoggerFactory = loggerFactory });

        var (status, body) = await GetAsync(emulator, "orders");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"message":"Internal Server Error"}""", body);
        var why = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Name == "ApiFunctionNotRun");
        Assert.Contains("orders-fn", why.Message, StringComparison.Ordinal);
        Assert.Contains("logical id Named", why.Message, StringComparison.Ordinal);
        Assert.Contains("--lambda-endpoint", why.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFunctionFails_Answers500_AndTheLogSaysWhatItSaid()
    {
        await using var lambda = await InvokeApiServer.StartAsync(_ => new InvokeApiAnswer(
            200, """{"errorMessage":"order table missing","errorType":"Error"}"""u8.ToArray(), new Dictionary<string, string> { ["X-Amz-Function-Error"] = "Unhandled" }));
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TemplatePath = _folder.Write("orders.yaml", Template),
            LambdaEndpoint = lambda.Url,
            LoggerFactory = loggerFactory,
        });

        var (status, body) = await GetAsync(emulator, "orders");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"message":"Internal Server Error"}""", body);
        Assert.Contains("order table missing", Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Name == "ApiFunctionNotRun").Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(CognitoEmulator emulator, string path)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(emulator.ApiUrl, path));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body);
    }
}
