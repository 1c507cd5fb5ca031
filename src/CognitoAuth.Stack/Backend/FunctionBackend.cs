using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using CognitoAuth.Reference;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace CognitoAuth.Stack.Backend;

/// <summary>
/// The Lambda functions, both from the one published folder: the API function (<see cref="ReferenceStack.Function"/>) and the
/// pool's pre token generation trigger (<see cref="ReferenceStack.TokenTrigger"/>). Each has its own log group and a role
/// that may write to that log group and nothing else.
/// </summary>
internal sealed class FunctionBackend : Construct
{
    public FunctionBackend(Construct scope, string id, string codePath, RetentionDays logRetention)
        : base(scope, id)
    {
        EnsurePublished(codePath, ReferenceStack.Function.Handler);
        // One asset for both: CDK stages a folder once per content hash, so the trigger adds no upload.
        var code = Code.FromAsset(codePath);

        // The API function keeps the construct ids it has always had ("Function", "LogGroup", "ExecutionRole"), so an update
        // replaces nothing.
        Function = Define(this, ReferenceStack.Function, code, logRetention,
            $"CognitoAuth reference API: {string.Join(", ", ReferenceStack.Routes.Select(r => r.RouteKey))}.",
            "CognitoAuth API function: writes its own log group, nothing else.");
        TokenTrigger = Define(new Construct(this, "TokenTrigger"), ReferenceStack.TokenTrigger, code, logRetention,
            $"CognitoAuth pre token generation trigger ({ReferenceStack.TokenTriggerVersion}): {ReferenceStack.HelloReadScope} for the group {ReferenceStack.ReadersGroup.Name}.",
            "CognitoAuth token trigger: writes its own log group, nothing else.");
    }

    public LambdaFunction Function { get; }

    /// <summary>The pool's pre token generation trigger.</summary>
    public LambdaFunction TokenTrigger { get; }

    private static LambdaFunction Define(Construct scope, FunctionDefinition definition, Code code, RetentionDays logRetention, string description, string roleDescription)
    {
        var logGroup = new LogGroup(scope, "LogGroup", new LogGroupProps
        {
            Retention = logRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        // Not AWSLambdaBasicExecutionRole: its statements grant logs:* actions on every resource ("*").
        var role = new Role(scope, "ExecutionRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = roleDescription,
        });
        logGroup.GrantWrite(role);

        return new LambdaFunction(scope, "Function", new FunctionProps
        {
            Description = description,
            // CDK 2.160 predates Runtime.DOTNET_10; the managed runtime is named dotnet10.
            Runtime = new Runtime(definition.Runtime, RuntimeFamily.DOTNET_CORE),
            // The code is published for linux-x64 (ReadyToRun), so the function must run on x86_64.
            Architecture = Architecture.X86_64,
            Handler = definition.Handler,
            Code = code,
            MemorySize = definition.MemorySizeMb,
            Timeout = Duration.Seconds(definition.Timeout.TotalSeconds),
            Role = role,
            LogGroup = logGroup,
        });
    }

    /// <summary>Fails the synth with the fix when the function has not been published to <paramref name="codePath"/>.</summary>
    private static void EnsurePublished(string codePath, string handler)
    {
        var assembly = handler.Split("::")[0] + ".dll";
        if (!File.Exists(Path.Combine(codePath, assembly)))
        {
            throw new InvalidOperationException(
                $"The function code folder '{Path.GetFullPath(codePath)}' does not hold {assembly}. Publish the function first " +
                "(bin/synth does it: dotnet publish src/CognitoAuth.Function -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o <folder>).");
        }
    }
}
