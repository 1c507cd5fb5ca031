using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Triggers.Events;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// Which function a pool runs for which trigger, read from its <c>LambdaConfig</c> (botocore's <c>LambdaConfigType</c>): one
/// ARN per trigger key, and <c>PreTokenGenerationConfig {LambdaArn, LambdaVersion}</c>, which wins over the legacy
/// <c>PreTokenGeneration</c> key (that one means <c>V1_0</c>). <c>CustomSMSSender</c>/<c>CustomEmailSender</c> (codes
/// encrypted with the pool's <c>KMSKeyID</c>) are not emulated: they are listed in <see cref="Unsupported"/>, so the pool can be
/// refused clearly rather than send codes its sender never sees.
/// </summary>
internal sealed record PoolLambdaConfig(IReadOnlyDictionary<string, string> Functions, string PreTokenGenerationVersion, IReadOnlyList<string> Unsupported)
{
    /// <summary>The trigger keys that name one function each.</summary>
    public static IReadOnlyList<string> TriggerKeys { get; } =
    [
        PreSignUpTrigger.Name, CustomMessageTrigger.Name, PostConfirmationTrigger.Name, PreAuthenticationTrigger.Name,
        PostAuthenticationTrigger.Name, DefineAuthChallengeTrigger.Name, CreateAuthChallengeTrigger.Name,
        VerifyAuthChallengeResponseTrigger.Name, PreTokenGenerationTrigger.Name, UserMigrationTrigger.Name,
    ];

    /// <summary>The keys of <c>LambdaConfigType</c> the emulator does not run: the KMS custom senders and their key.</summary>
    public static IReadOnlyList<string> UnsupportedKeys { get; } = ["CustomEmailSender", "CustomSMSSender", "KMSKeyID"];

    public static PoolLambdaConfig Empty { get; } = new(new Dictionary<string, string>(), PreTokenGenerationTrigger.V1, []);

    public bool IsEmpty => Functions.Count == 0 && Unsupported.Count == 0;

    /// <summary>The function ARN for a trigger (its <c>LambdaConfig</c> key), or <see langword="null"/> when none is set.</summary>
    public string? FunctionFor(string trigger) => Functions.GetValueOrDefault(trigger);

    public static PoolLambdaConfig From(JsonElement? lambdaConfig)
    {
        if (lambdaConfig is not { ValueKind: JsonValueKind.Object } config)
        {
            return Empty;
        }

        var functions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in TriggerKeys)
        {
            if (config.TryGetProperty(key, out var arn) && arn.ValueKind == JsonValueKind.String && arn.GetString() is { Length: > 0 } value)
            {
                functions[key] = value;
            }
        }

        var version = PreTokenGenerationTrigger.V1;
        if (config.TryGetProperty("PreTokenGenerationConfig", out var tokenConfig) && tokenConfig.ValueKind == JsonValueKind.Object)
        {
            if (tokenConfig.TryGetProperty("LambdaArn", out var arn) && arn.GetString() is { Length: > 0 } value)
            {
                functions[PreTokenGenerationTrigger.Name] = value;
            }

            if (tokenConfig.TryGetProperty("LambdaVersion", out var lambdaVersion) && lambdaVersion.GetString() is { } v)
            {
                version = v;
            }
        }

        List<string> unsupported = [.. UnsupportedKeys.Where(k => config.TryGetProperty(k, out var sender) && sender.ValueKind != JsonValueKind.Null)];
        return new(functions, version, unsupported);
    }

    /// <summary>
    /// The reference pool's <c>LambdaConfig</c> (Contract 5): the reference trigger, <see cref="ReferenceStack.TokenTriggerVersion"/>,
    /// as Cognito describes a pool configured with <c>PreTokenGenerationConfig</c> (the legacy key echoes the ARN).
    /// </summary>
    public static JsonObject Reference(string region, string accountId)
    {
        var arn = $"arn:aws:lambda:{region}:{accountId}:function:{ReferenceStack.TokenTriggerName}";
        return new JsonObject
        {
            ["PreTokenGeneration"] = arn,
            ["PreTokenGenerationConfig"] = new JsonObject { ["LambdaArn"] = arn, ["LambdaVersion"] = ReferenceStack.TokenTriggerVersion },
        };
    }
}
