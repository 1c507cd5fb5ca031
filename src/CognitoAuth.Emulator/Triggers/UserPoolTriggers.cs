using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// The seam the operations call: one method per trigger, each a no-op (returning <see langword="null"/>) when the pool has no
/// function for it, else the event built, the function run by the <see cref="LambdaRunner"/>, and the answer read. Take the
/// user's data under the state lock, call these after releasing it, then re-check and commit (a function may take up to
/// 5 s, and may call the emulator itself). Every method throws <see cref="CognitoServiceException"/> as Cognito reports a
/// failed trigger; the operation must then change nothing.
/// </summary>
internal sealed class UserPoolTriggers(LambdaRunner runner, PoolLambdaConfig config, TriggerContext context)
{
    public PoolLambdaConfig Config { get; } = config;

    public TriggerContext Context { get; } = context;

    public bool Has(string trigger) => Config.FunctionFor(trigger) is not null;

    public Task<PreSignUpAnswer?> PreSignUpAsync(
        string source, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyDictionary<string, string>? validationData,
        IReadOnlyDictionary<string, string>? clientMetadata, CancellationToken cancellationToken = default) =>
        RunAsync(PreSignUpTrigger.Name, () => PreSignUpTrigger.Event(source, Context, userName, userAttributes, validationData, clientMetadata),
            PreSignUpTrigger.Read, cancellationToken);

    public Task<bool?> PostConfirmationAsync(
        string source, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyDictionary<string, string>? clientMetadata,
        CancellationToken cancellationToken = default) =>
        RunAsync<bool?>(PostConfirmationTrigger.Name, () => PostConfirmationTrigger.Event(source, Context, userName, userAttributes, clientMetadata),
            answer => { PostConfirmationTrigger.Read(answer); return true; }, cancellationToken);

    public Task<bool?> PreAuthenticationAsync(
        string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyDictionary<string, string>? validationData, bool? userNotFound,
        CancellationToken cancellationToken = default) =>
        RunAsync<bool?>(PreAuthenticationTrigger.Name, () => PreAuthenticationTrigger.Event(Context, userName, userAttributes, validationData, userNotFound),
            answer => { PreAuthenticationTrigger.Read(answer); return true; }, cancellationToken);

    public Task<bool?> PostAuthenticationAsync(
        string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, bool newDeviceUsed, IReadOnlyDictionary<string, string>? clientMetadata,
        CancellationToken cancellationToken = default) =>
        RunAsync<bool?>(PostAuthenticationTrigger.Name, () => PostAuthenticationTrigger.Event(Context, userName, userAttributes, newDeviceUsed, clientMetadata),
            answer => { PostAuthenticationTrigger.Read(answer); return true; }, cancellationToken);

    public Task<CustomMessageAnswer?> CustomMessageAsync(
        string source, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyDictionary<string, string>? clientMetadata,
        CancellationToken cancellationToken = default) =>
        RunAsync(CustomMessageTrigger.Name, () => CustomMessageTrigger.Event(source, Context, userName, userAttributes, clientMetadata),
            CustomMessageTrigger.Read, cancellationToken);

    public Task<UserMigrationAnswer?> UserMigrationAsync(
        string source, string userName, string? password, IReadOnlyDictionary<string, string>? validationData, IReadOnlyDictionary<string, string>? clientMetadata,
        CancellationToken cancellationToken = default) =>
        RunAsync(UserMigrationTrigger.Name, () => UserMigrationTrigger.Event(source, Context, userName, password, validationData, clientMetadata),
            UserMigrationTrigger.Read, cancellationToken);

    /// <summary>The changes to the tokens about to be issued, read as the pool's configured <c>LambdaVersion</c>.</summary>
    /// <remarks>The client-credentials grant runs the trigger only with <c>V3_0</c>; for it, and for any other version, this
    /// returns <see langword="null"/> without invoking anything.</remarks>
    public Task<TokenCustomization?> PreTokenGenerationAsync(
        string source, string? userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyList<string> groups,
        IReadOnlyList<string> scopes, IReadOnlyDictionary<string, string>? clientMetadata, CancellationToken cancellationToken = default)
    {
        var version = Config.PreTokenGenerationVersion;
        if (source == PreTokenGenerationTrigger.ClientCredentials && version != PreTokenGenerationTrigger.V3)
        {
            return Task.FromResult<TokenCustomization?>(null);
        }

        return RunAsync(PreTokenGenerationTrigger.Name,
            () => PreTokenGenerationTrigger.Event(version, source, Context, userName, userAttributes, groups, [], null, scopes, clientMetadata),
            answer => PreTokenGenerationTrigger.Read(version, answer), cancellationToken);
    }

    public Task<DefineAuthChallengeAnswer?> DefineAuthChallengeAsync(
        string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyList<ChallengeStep> session,
        IReadOnlyDictionary<string, string>? clientMetadata, bool? userNotFound, CancellationToken cancellationToken = default) =>
        RunAsync(DefineAuthChallengeTrigger.Name, () => DefineAuthChallengeTrigger.Event(Context, userName, userAttributes, session, clientMetadata, userNotFound),
            DefineAuthChallengeTrigger.Read, cancellationToken);

    public Task<CreateAuthChallengeAnswer?> CreateAuthChallengeAsync(
        string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, string challengeName, IReadOnlyList<ChallengeStep> session,
        IReadOnlyDictionary<string, string>? clientMetadata, bool? userNotFound, CancellationToken cancellationToken = default) =>
        RunAsync(CreateAuthChallengeTrigger.Name,
            () => CreateAuthChallengeTrigger.Event(Context, userName, userAttributes, challengeName, session, clientMetadata, userNotFound),
            CreateAuthChallengeTrigger.Read, cancellationToken);

    public Task<bool?> VerifyAuthChallengeResponseAsync(
        string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyDictionary<string, string> privateChallengeParameters,
        string challengeAnswer, IReadOnlyDictionary<string, string>? clientMetadata, bool? userNotFound, CancellationToken cancellationToken = default) =>
        RunAsync<bool?>(VerifyAuthChallengeResponseTrigger.Name,
            () => VerifyAuthChallengeResponseTrigger.Event(Context, userName, userAttributes, privateChallengeParameters, challengeAnswer, clientMetadata, userNotFound),
            answer => VerifyAuthChallengeResponseTrigger.Read(answer), cancellationToken);

    /// <summary>
    /// Refuses a <c>LambdaConfig</c> the emulator cannot honour (<c>CustomEmailSender</c>, <c>CustomSMSSender</c>,
    /// <c>KMSKeyID</c>), naming what it found: for <c>CreateUserPool</c>/<c>UpdateUserPool</c>, and so for a template's
    /// pool, which is created through them. The wording is the emulator's own (Cognito has no such refusal).
    /// </summary>
    public static void EnsureSupported(PoolLambdaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Unsupported.Count > 0)
        {
            throw new CognitoServiceException(CognitoErrors.InvalidParameterCode,
                $"The emulator does not support {string.Join(", ", config.Unsupported)} in LambdaConfig (custom senders get codes encrypted with a KMS key); remove them, or use a CustomMessage trigger to word the messages.");
        }
    }

    private async Task<T?> RunAsync<T>(string trigger, Func<System.Text.Json.Nodes.JsonObject> buildEvent, Func<System.Text.Json.Nodes.JsonObject, T> read, CancellationToken cancellationToken)
    {
        if (Config.FunctionFor(trigger) is not { } arn)
        {
            return default;
        }

        return await runner.InvokeAsync(trigger, arn, buildEvent(), read, cancellationToken).ConfigureAwait(false);
    }
}
