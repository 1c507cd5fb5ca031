using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using CognitoAuth.Reference;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace CognitoAuth.Stack.Backend;

/// <summary>
/// The Lambda function (<see cref="ReferenceStack.Function"/>) with its own log group and a role that may write
/// to that log group and nothing else.
/// </summary>
internal sealed class FunctionBackend : Construct
{
    public FunctionBackend(Construct scope, string id, string codePath, RetentionDays logRetention)
        : base(scope, id)
    {
        var definition = ReferenceStack.Function;
        EnsurePublished(codePath, definition.Handler);

        var logGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            Retention = logRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        // Not AWSLambdaBasicExecutionRole: its statements grant logs:* actions on every resource ("*").
        var role = new Role(this, "ExecutionRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "CognitoAuth API function: writes its own log group, nothing else.",
        });
        logGroup.GrantWrite(role);

        Function = new LambdaFunction(this, "Function", new FunctionProps
        {
            Description = $"CognitoAuth reference API: {string.Join(", ", ReferenceStack.Routes.Select(r => r.RouteKey))}.",
            // CDK 2.160 predates Runtime.DOTNET_10; the managed runtime is named dotnet10.
            Runtime = new Runtime(definition.Runtime, RuntimeFamily.DOTNET_CORE),
            // The code is published for linux-x64 (ReadyToRun), so the function must run on x86_64.
            Architecture = Architecture.X86_64,
            Handler = definition.Handler,
            Code = Code.FromAsset(codePath),
            MemorySize = definition.MemorySizeMb,
            Timeout = Duration.Seconds(definition.Timeout.TotalSeconds),
            Role = role,
            LogGroup = logGroup,
        });
    }

    public LambdaFunction Function { get; }

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
