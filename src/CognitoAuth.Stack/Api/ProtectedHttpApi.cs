using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using CognitoAuth.Reference;
using CognitoAuth.Stack.Identity;
using Constructs;

namespace CognitoAuth.Stack.Api;

/// <summary>
/// The HTTP API: every route of <see cref="ReferenceStack.Routes"/> (with its authorization scopes) behind a JWT authorizer
/// that trusts the pool's issuer for both app clients, integrated with the function (payload format 2.0), served from a
/// throttled, access-logged <c>$default</c> stage.
/// </summary>
internal sealed class ProtectedHttpApi : Construct
{
    public ProtectedHttpApi(Construct scope, string id, UserPoolIdentity identity, IFunction function, RetentionDays logRetention)
        : base(scope, id)
    {
        var definition = ReferenceStack.Api;
        HttpApi = new HttpApi(this, "HttpApi", new HttpApiProps
        {
            ApiName = definition.Name,
            Description = "CognitoAuth reference API, protected by a Cognito JWT authorizer.",
            // The stage is created below, with throttling and access logs the default stage cannot take.
            CreateDefaultStage = false,
        });

        var authorizer = new HttpJwtAuthorizer(
            "CognitoJwtAuthorizer",
            ReferenceStack.IssuerFor(Amazon.CDK.Stack.Of(this).Region, identity.UserPool.UserPoolId),
            new HttpJwtAuthorizerProps
            {
                AuthorizerName = definition.AuthorizerName,
                // Access tokens carry no aud claim; API Gateway then matches client_id against the audience. Both clients:
                // a person's token and a machine's token are valid on every route; the scopes below tell them apart.
                JwtAudience = [identity.Client.UserPoolClientId, identity.MachineClient.UserPoolClientId],
                IdentitySource = [definition.IdentitySource],
            });
        var integration = new HttpLambdaIntegration("Function", function, new HttpLambdaIntegrationProps
        {
            PayloadFormatVersion = PayloadFormatVersion.VERSION_2_0,
        });
        foreach (var route in ReferenceStack.Routes)
        {
            HttpApi.AddRoutes(new AddRoutesOptions
            {
                Path = route.Path,
                Methods = [Enum.Parse<Amazon.CDK.AWS.Apigatewayv2.HttpMethod>(route.Method, ignoreCase: false)],
                Integration = integration,
                Authorizer = authorizer,
                // A valid token without one of these in its scope claim gets API Gateway's 403.
                AuthorizationScopes = route.AuthorizationScopes.Count > 0 ? [.. route.AuthorizationScopes] : null,
            });
        }

        var accessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = logRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        var stage = HttpApi.AddStage("Stage", new HttpStageOptions
        {
            StageName = definition.StageName,
            AutoDeploy = true,
            Throttle = new ThrottleSettings
            {
                BurstLimit = definition.ThrottlingBurstLimit,
                RateLimit = definition.ThrottlingRateLimit,
            },
        });
        // CDK 2.160's HttpStage has no access-log setting; the L1 stage takes it.
        ((CfnStage)stage.Node.DefaultChild!).AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = accessLogs.LogGroupArn,
            Format = AccessLogFormat,
        };
        Url = stage.Url;
    }

    public HttpApi HttpApi { get; }

    /// <summary>The stage's URL: <c>https://{apiId}.execute-api.{region}.amazonaws.com/</c>, ending with <c>/</c>.</summary>
    public string Url { get; }

    /// <summary>
    /// One JSON object per request, request metadata only: no header and no claim is logged, so no token
    /// (nor anything from one) reaches the logs.
    /// </summary>
    internal static string AccessLogFormat { get; } = JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["requestId"] = "$context.requestId",
        ["requestTime"] = "$context.requestTime",
        ["sourceIp"] = "$context.identity.sourceIp",
        ["httpMethod"] = "$context.httpMethod",
        ["path"] = "$context.path",
        ["routeKey"] = "$context.routeKey",
        ["status"] = "$context.status",
        ["protocol"] = "$context.protocol",
        ["responseLength"] = "$context.responseLength",
        ["responseLatency"] = "$context.responseLatency",
        ["authorizerError"] = "$context.authorizer.error",
        ["integrationError"] = "$context.integrationErrorMessage",
    });
}
