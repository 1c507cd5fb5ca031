using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>The claims a pre token generation answer adds or overrides, and those it suppresses, in one token.</summary>
internal sealed record ClaimChanges(IReadOnlyDictionary<string, JsonNode?> AddOrOverride, IReadOnlyList<string> Suppress)
{
    public static ClaimChanges None { get; } = new(new Dictionary<string, JsonNode?>(), []);

    public bool IsEmpty => AddOrOverride.Count == 0 && Suppress.Count == 0;
}

/// <summary>
/// How a pre token generation trigger changes the tokens about to be issued, as Cognito applies it: claims added,
/// overridden or suppressed per token (a claim both added and suppressed is suppressed); the claims Cognito protects are
/// never changed (<see cref="Protected"/>: they are dropped from the answer and listed in <see cref="Refused"/>); scopes
/// added to and suppressed from the access token's <c>scope</c> (version 2 and 3); the groups (<c>cognito:groups</c>),
/// IAM roles (<c>cognito:roles</c>) and preferred role (<c>cognito:preferred_role</c>) overridden. Version 1 customizes
/// the ID token alone. <see cref="TokenIssuer"/> applies it to the claims it has built, so the token keeps Cognito's claim
/// order and added claims come last.
/// </summary>
internal sealed record TokenCustomization(
    ClaimChanges IdToken,
    ClaimChanges AccessToken,
    IReadOnlyList<string> ScopesToAdd,
    IReadOnlyList<string> ScopesToSuppress,
    IReadOnlyList<string>? GroupsToOverride,
    IReadOnlyList<string>? IamRolesToOverride,
    string? PreferredRole,
    bool GroupsApplyToAccessToken,
    IReadOnlyList<string> Refused)
{
    /// <summary>
    /// Claims no answer may add, override or suppress (AWS's developer guide, pre token generation, "excluded claims"), and
    /// the group and role claims, which only <c>groupOverrideDetails</c> sets.
    /// </summary>
    public static IReadOnlySet<string> Protected { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "acr", "amr", "at_hash", "aud", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce",
        "origin_jti", "sub", "token_use", "cognito:groups", "cognito:roles", "cognito:preferred_role",
    };

    /// <summary>The access token's scopes are changed through <see cref="ScopesToAdd"/> and <see cref="ScopesToSuppress"/> only.</summary>
    public static IReadOnlySet<string> ProtectedInAccessToken { get; } = new HashSet<string>(StringComparer.Ordinal) { "scope" };

    public static TokenCustomization None { get; } = new(ClaimChanges.None, ClaimChanges.None, [], [], null, null, null, false, []);

    public void ApplyToIdToken(JsonObject claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ApplyGroups(claims);
        if (IamRolesToOverride is { } roles)
        {
            SetList(claims, "cognito:roles", roles);
        }

        if (PreferredRole is { } preferred)
        {
            claims["cognito:preferred_role"] = preferred;
        }

        Apply(claims, IdToken, Protected);
    }

    public void ApplyToAccessToken(JsonObject claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (GroupsApplyToAccessToken)
        {
            ApplyGroups(claims);
        }

        if (ScopesToAdd.Count > 0 || ScopesToSuppress.Count > 0)
        {
            var scopes = (claims["scope"]?.GetValue<string>() ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            scopes.AddRange(ScopesToAdd.Where(s => !scopes.Contains(s, StringComparer.Ordinal)));
            scopes.RemoveAll(s => ScopesToSuppress.Contains(s, StringComparer.Ordinal));
            if (scopes.Count > 0)
            {
                claims["scope"] = string.Join(' ', scopes);
            }
            else
            {
                claims.Remove("scope");
            }
        }

        Apply(claims, AccessToken, Protected, ProtectedInAccessToken);
    }

    private void ApplyGroups(JsonObject claims)
    {
        if (GroupsToOverride is { } groups)
        {
            SetList(claims, "cognito:groups", groups);
        }
    }

    private static void SetList(JsonObject claims, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            claims.Remove(name);
            return;
        }

        var list = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        if (claims.ContainsKey(name))
        {
            claims[name] = list;
        }
        else
        {
            // Where Cognito writes it: right after sub.
            claims.Insert(Math.Min(1, claims.Count), name, list);
        }
    }

    private static void Apply(JsonObject claims, ClaimChanges changes, params IReadOnlySet<string>[] protectedSets)
    {
        foreach (var (name, value) in changes.AddOrOverride)
        {
            if (!protectedSets.Any(p => p.Contains(name)) && !changes.Suppress.Contains(name, StringComparer.Ordinal))
            {
                claims[name] = value?.DeepClone();
            }
        }

        foreach (var name in changes.Suppress)
        {
            if (!protectedSets.Any(p => p.Contains(name)))
            {
                claims.Remove(name);
            }
        }
    }
}
