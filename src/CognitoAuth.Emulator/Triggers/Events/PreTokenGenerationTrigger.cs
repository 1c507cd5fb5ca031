using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// Pre token generation (<c>LambdaConfig.PreTokenGeneration</c>, or <c>PreTokenGenerationConfig {LambdaArn, LambdaVersion}</c>):
/// before tokens are issued — at sign-in, after a new password, a device sign-in, managed login, a refresh, and (version 3
/// only) the client-credentials grant. Version 1 customizes the ID token; versions 2 and 3 both tokens and the access
/// token's scopes. The answer becomes a <see cref="TokenCustomization"/> the token issuer applies.
/// </summary>
internal static class PreTokenGenerationTrigger
{
    public const string Name = "PreTokenGeneration";
    public const string HostedAuth = "TokenGeneration_HostedAuth";
    public const string Authentication = "TokenGeneration_Authentication";
    public const string NewPasswordChallenge = "TokenGeneration_NewPasswordChallenge";
    public const string AuthenticateDevice = "TokenGeneration_AuthenticateDevice";
    public const string RefreshTokens = "TokenGeneration_RefreshTokens";
    public const string ClientCredentials = "TokenGeneration_ClientCredentials";

    public const string V1 = "V1_0";
    public const string V2 = "V2_0";
    public const string V3 = "V3_0";

    private static readonly HashSet<string> AccessTokenProtected =
        new(TokenCustomization.Protected.Concat(TokenCustomization.ProtectedInAccessToken), StringComparer.Ordinal);

    private static readonly string[] UserSources = [HostedAuth, Authentication, NewPasswordChallenge, AuthenticateDevice, RefreshTokens];
    private static readonly string[] V3Sources = [.. UserSources, ClientCredentials];

    /// <summary>The event's <c>version</c> for a <c>LambdaVersion</c>: <c>1</c>, <c>2</c> or <c>3</c>.</summary>
    public static string EventVersion(string lambdaVersion) => lambdaVersion switch
    {
        V1 => "1",
        V2 => "2",
        V3 => "3",
        _ => throw new ArgumentOutOfRangeException(nameof(lambdaVersion), lambdaVersion, "LambdaVersion is V1_0, V2_0 or V3_0."),
    };

    /// <summary>
    /// The event. The user name is <see langword="null"/> for the client-credentials grant (no user); the scopes are the access
    /// token's as they stand (versions 2 and 3 send them; version 1 does not).
    /// </summary>
    public static JsonObject Event(
        string lambdaVersion, string source, TriggerContext context, string? userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes,
        IReadOnlyList<string> groups, IReadOnlyList<string> iamRoles, string? preferredRole, IReadOnlyList<string> scopes,
        IReadOnlyDictionary<string, string>? clientMetadata)
    {
        var version = EventVersion(lambdaVersion);
        TriggerEvent.Source(source, lambdaVersion == V3 ? V3Sources : UserSources);
        var request = new JsonObject
        {
            ["userAttributes"] = TriggerEvent.Map(userAttributes),
            ["groupConfiguration"] = new JsonObject
            {
                ["groupsToOverride"] = TriggerEvent.Strings(groups),
                ["iamRolesToOverride"] = TriggerEvent.Strings(iamRoles),
                ["preferredRole"] = preferredRole,
            },
        };
        if (version != "1")
        {
            request["scopes"] = TriggerEvent.Strings(scopes);
        }

        var response = version == "1"
            ? new JsonObject { ["claimsOverrideDetails"] = null }
            : new JsonObject { ["claimsAndScopeOverrideDetails"] = null };
        return TriggerEvent.Create(version, source, context, userName, request.WithClientMetadata(clientMetadata), response);
    }

    /// <summary>The answer as the changes to the tokens, read as the <paramref name="lambdaVersion"/> the pool configures.</summary>
    public static TokenCustomization Read(string lambdaVersion, JsonObject answer)
    {
        var response = TriggerEvent.Response(answer);
        List<string> refused = [];
        if (EventVersion(lambdaVersion) == "1")
        {
            var details = TriggerEvent.Object(response, "claimsOverrideDetails");
            if (details is null)
            {
                return TokenCustomization.None;
            }

            var groups = GroupOverride(details);
            // Version 1 claims are strings.
            var id = Changes(details, stringsOnly: true, TokenCustomization.Protected, refused);
            return new(id, ClaimChanges.None, [], [], groups.Groups, groups.Roles, groups.Preferred, GroupsApplyToAccessToken: false, refused);
        }

        var overrides = TriggerEvent.Object(response, "claimsAndScopeOverrideDetails");
        if (overrides is null)
        {
            return TokenCustomization.None;
        }

        var idToken = TriggerEvent.Object(overrides, "idTokenGeneration") is { } idGeneration
            ? Changes(idGeneration, stringsOnly: false, TokenCustomization.Protected, refused)
            : ClaimChanges.None;
        var accessGeneration = TriggerEvent.Object(overrides, "accessTokenGeneration");
        var accessToken = accessGeneration is null
            ? ClaimChanges.None
            : Changes(accessGeneration, stringsOnly: false, AccessTokenProtected, refused);
        var scopesToAdd = accessGeneration is null ? [] : TriggerEvent.StringList(accessGeneration, "scopesToAdd") ?? [];
        var scopesToSuppress = accessGeneration is null ? [] : TriggerEvent.StringList(accessGeneration, "scopesToSuppress") ?? [];
        if (scopesToAdd.Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
        {
            // A scope is one token of the space-separated scope claim.
            throw TriggerErrors.AnswerUnrecognizable();
        }

        var group = TriggerEvent.Object(overrides, "groupOverrideDetails") is { } g ? GroupOverrideOf(g) : default;
        return new(idToken, accessToken, scopesToAdd, scopesToSuppress, group.Groups, group.Roles, group.Preferred, GroupsApplyToAccessToken: true, refused);
    }

    private static (IReadOnlyList<string>? Groups, IReadOnlyList<string>? Roles, string? Preferred) GroupOverride(JsonObject details) =>
        TriggerEvent.Object(details, "groupOverrideDetails") is { } group ? GroupOverrideOf(group) : default;

    private static (IReadOnlyList<string>? Groups, IReadOnlyList<string>? Roles, string? Preferred) GroupOverrideOf(JsonObject group) => (
        TriggerEvent.StringList(group, "groupsToOverride"),
        TriggerEvent.StringList(group, "iamRolesToOverride"),
        TriggerEvent.String(group, "preferredRole"));

    private static ClaimChanges Changes(JsonObject generation, bool stringsOnly, IReadOnlySet<string> protectedClaims, List<string> refused)
    {
        var add = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in TriggerEvent.Object(generation, "claimsToAddOrOverride") ?? [])
        {
            if (stringsOnly && !(value is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String))
            {
                throw TriggerErrors.AnswerUnrecognizable();
            }

            if (protectedClaims.Contains(name))
            {
                refused.Add(name);
                continue;
            }

            add[name] = value?.DeepClone();
        }

        List<string> suppress = [];
        foreach (var name in TriggerEvent.StringList(generation, "claimsToSuppress") ?? [])
        {
            if (protectedClaims.Contains(name))
            {
                refused.Add(name);
            }
            else
            {
                suppress.Add(name);
            }
        }

        return add.Count == 0 && suppress.Count == 0 ? ClaimChanges.None : new ClaimChanges(add, suppress);
    }
}
