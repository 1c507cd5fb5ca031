using Amazon.CDK;
using CognitoAuth.Reference;
using CognitoAuth.Stack;

// The CDK app: one stack, account-agnostic with an explicit region, so `cdk synth` needs no credentials or lookups.
var app = new App();
var codePath = app.Node.TryGetContext(StackEnvironment.FunctionCodePathContextKey) as string
    ?? throw new InvalidOperationException(
        $"Context '{StackEnvironment.FunctionCodePathContextKey}' is not set: run the app through cdk.json (bin/synth) or pass -c {StackEnvironment.FunctionCodePathContextKey}=<published function folder>.");

_ = new CognitoAuthStack(app, ReferenceStack.StackName, new CognitoAuthStackProps
{
    Env = new Amazon.CDK.Environment
    {
        Region = StackEnvironment.Region(
            app.Node.TryGetContext(StackEnvironment.RegionContextKey) as string,
            System.Environment.GetEnvironmentVariable),
    },
    FunctionCodePath = codePath,
    RefreshTokenRotation = StackEnvironment.Flag(
        StackEnvironment.RefreshTokenRotationContextKey,
        app.Node.TryGetContext(StackEnvironment.RefreshTokenRotationContextKey)),
    RefreshTokenRotationGracePeriod = StackEnvironment.GracePeriod(
        StackEnvironment.RefreshTokenRotationGraceContextKey,
        app.Node.TryGetContext(StackEnvironment.RefreshTokenRotationGraceContextKey),
        ReferenceStack.RefreshTokenRotationGracePeriod),
});
app.Synth();
