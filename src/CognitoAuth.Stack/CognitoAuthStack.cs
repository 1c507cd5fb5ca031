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
/// The reference stack: a Cognito user pool with its domain, resource server, user and machine app clients, the Lambda
/// function, and an HTTP API whose JWT authorizer accepts the pool's tokens for either client. Every value comes from
/// <see cref="ReferenceStack"/>.
/// </summary>
public sealed class CognitoAuthStack : Amazon.CDK.Stack
{
    /// <summary>Defines the stack.</summary>
    /// <param name="scope">The app (or stage) the stack belongs to.</param>
    /// <param name="id">The stack's construct id; <see cref="ReferenceStack.StackName"/> for the reference deployment.</param>
    /// <param name="props">Where the published function is, the stack's environment, and whether the user client rotates refresh tokens.</param>
    public CognitoAuthStack(Construct scope, string id, CognitoAuthStackProps props)
        : base(scope, id, WithDescription(props))
    {
        var backend = new FunctionBackend(this, "Backend", props.FunctionCodePath, props.LogRetention);
        var identity = new UserPoolIdentity(this, "Identity", backend.TokenTrigger, props.RefreshTokenRotation, props.RefreshTokenRotationGracePeriod);
        var api = new ProtectedHttpApi(this, "Api", identity, backend.Function, props.LogRetention);

        UserPool = identity.UserPool;
        UserPoolClient = identity.Client;
        MachineClient = identity.MachineClient;
        UserPoolDomain = identity.Domain;
        Function = backend.Function;
        TokenTrigger = backend.TokenTrigger;
        ReadersGroup = identity.ReadersGroup;
        HttpApi = api.HttpApi;

        Output(StackOutputs.Region, Region, "The region of the user pool and the API.");
        Output(StackOutputs.UserPoolId, UserPool.UserPoolId, "The user pool id.");
        Output(StackOutputs.UserPoolClientId, UserPoolClient.UserPoolClientId, "The user app client id (no secret); the API's JWT authorizer accepts it as audience.");
        Output(StackOutputs.ApiUrl, api.Url, "The API's base URL (ends with /): GET {ApiUrl}hello with Authorization: Bearer <access token>.");
        // The machine client's secret is never an output: outputs are readable by anyone who may describe the stack.
        Output(StackOutputs.MachineClientId, MachineClient.UserPoolClientId, "The machine app client id (client-credentials grant; its secret: aws cognito-idp describe-user-pool-client).");
        Output(StackOutputs.TokenEndpoint, UserPoolDomain.BaseUrl() + "/oauth2/token", "The pool domain's OAuth 2.0 token endpoint.");
    }

    /// <summary>The user pool.</summary>
    public UserPool UserPool { get; }

    /// <summary>The user app client (no secret) the API accepts tokens for.</summary>
    public UserPoolClient UserPoolClient { get; }

    /// <summary>The machine app client (secret, client-credentials grant) the API accepts tokens for.</summary>
    public UserPoolClient MachineClient { get; }

    /// <summary>The pool's prefix domain, which serves managed login and the token endpoint.</summary>
    public UserPoolDomain UserPoolDomain { get; }

    /// <summary>The function behind every route.</summary>
    public LambdaFunction Function { get; }

    /// <summary>The pool's pre token generation trigger (<see cref="ReferenceStack.TokenTrigger"/>).</summary>
    public LambdaFunction TokenTrigger { get; }

    /// <summary>The group whose members' access tokens carry <see cref="ReferenceStack.HelloReadScope"/>.</summary>
    public CfnUserPoolGroup ReadersGroup { get; }

    /// <summary>The HTTP API.</summary>
    public HttpApi HttpApi { get; }

    private static CognitoAuthStackProps WithDescription(CognitoAuthStackProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        props.Description ??= "CognitoAuth reference stack: Cognito user pool (with a pre token generation trigger and the readers group), domain, resource server, user and machine app clients, HTTP API with a JWT authorizer, .NET Lambda.";
        return props;
    }

    private void Output(string name, string value, string description) =>
        _ = new CfnOutput(this, name, new CfnOutputProps { Value = value, Description = description });
}
