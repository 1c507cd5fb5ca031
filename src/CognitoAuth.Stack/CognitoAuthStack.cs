using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Lambda;
using CognitoAuth.Reference;
using CognitoAuth.Stack.Api;
using CognitoAuth.Stack.Backend;
using CognitoAuth.Stack.Identity;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace CognitoAuth.Stack;

/// <summary>
/// The reference stack: a Cognito user pool and app client, the Lambda function, and an HTTP API whose JWT
/// authorizer accepts the pool's tokens for that client. Every value comes from <see cref="ReferenceStack"/>.
/// </summary>
public sealed class CognitoAuthStack : Amazon.CDK.Stack
{
    /// <summary>Defines the stack.</summary>
    /// <param name="scope">The app (or stage) the stack belongs to.</param>
    /// <param name="id">The stack's construct id; <see cref="ReferenceStack.StackName"/> for the reference deployment.</param>
    /// <param name="props">Where the published function is, and the stack's environment.</param>
    public CognitoAuthStack(Construct scope, string id, CognitoAuthStackProps props)
        : base(scope, id, WithDescription(props))
    {

        var identity = new UserPoolIdentity(this, "Identity");
        var backend = new FunctionBackend(this, "Backend", props.FunctionCodePath, props.LogRetention);
        var api = new ProtectedHttpApi(this, "Api", identity, backend.Function, props.LogRetention);

        UserPool = identity.UserPool;
        UserPoolClient = identity.Client;
        Function = backend.Function;
        HttpApi = api.HttpApi;

        Output(StackOutputs.Region, Region, "The region of the user pool and the API.");
        Output(StackOutputs.UserPoolId, UserPool.UserPoolId, "The user pool id.");
        Output(StackOutputs.UserPoolClientId, UserPoolClient.UserPoolClientId, "The app client id; the API's JWT authorizer accepts it as audience.");
        Output(StackOutputs.ApiUrl, api.Url, "The API's base URL (ends with /): GET {ApiUrl}hello with Authorization: Bearer <access token>.");
    }

    /// <summary>The user pool.</summary>
    public UserPool UserPool { get; }

    /// <summary>The app client (no secret) the API accepts tokens for.</summary>
    public UserPoolClient UserPoolClient { get; }

    /// <summary>The function behind every route.</summary>
    public LambdaFunction Function { get; }

    /// <summary>The HTTP API.</summary>
    public HttpApi HttpApi { get; }

    private static CognitoAuthStackProps WithDescription(CognitoAuthStackProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        props.Description ??= "CognitoAuth reference stack: Cognito user pool and app client, HTTP API with a JWT authorizer, .NET Lambda.";
        return props;
    }

    private void Output(string name, string value, string description) =>
        _ = new CfnOutput(this, name, new CfnOutputProps { Value = value, Description = description });
}
