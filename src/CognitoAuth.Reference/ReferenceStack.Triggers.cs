using CognitoAuth.Function;

namespace CognitoAuth.Reference;

/// <summary>The reference stack's Lambda trigger and what it relies on (Contract 5).</summary>
public static partial class ReferenceStack
{
    /// <summary>
    /// The pool's feature plan (<c>UserPoolTier</c>): <c>ESSENTIALS</c>, the lowest plan that delivers the version 2 pre token
    /// generation event, which can change the access token.
    /// </summary>
    public const string FeaturePlan = "ESSENTIALS";

    /// <summary>The group whose members' access tokens carry <see cref="HelloReadScope"/>: <c>readers</c>.</summary>
    public static GroupDefinition ReadersGroup { get; } = new(
        Name: ReaderScopeTrigger.ReadersGroup,
        Description: $"Members get {ReaderScopeTrigger.GrantedScope} in their access tokens (the pre token generation trigger).");

    /// <summary>
    /// The pre token generation trigger's handler string (Contract 3's shape), built from the real type and method so that
    /// a rename breaks the build instead of the deployment.
    /// </summary>
    public static string TokenTriggerHandler { get; } =
        $"{typeof(ReaderScopeTrigger).Assembly.GetName().Name!}::{typeof(ReaderScopeTrigger).FullName!}::{nameof(ReaderScopeTrigger.Handle)}";

    /// <summary>
    /// The pre token generation trigger: the function code and runtime of <see cref="Function"/>, its own handler. Cognito
    /// waits 5 seconds for a trigger, so a longer timeout would buy nothing. (Computed: static initializers of a partial class
    /// run in an order the compiler does not promise, and this one reads <see cref="Function"/>.)
    /// </summary>
    public static FunctionDefinition TokenTrigger => new(
        Handler: TokenTriggerHandler,
        Runtime: Function.Runtime,
        MemorySizeMb: 256,
        Timeout: TimeSpan.FromSeconds(5));

    /// <summary>The pool's <c>LambdaConfig.PreTokenGenerationConfig.LambdaVersion</c>: <c>V2_0</c>.</summary>
    public const string TokenTriggerVersion = "V2_0";

    /// <summary>The name the local stack gives the trigger's function (the <c>NAME</c> of its ARN).</summary>
    public const string TokenTriggerName = "cognito-auth-token-trigger";
}

/// <summary>A user pool group.</summary>
public sealed record GroupDefinition(string Name, string Description);
