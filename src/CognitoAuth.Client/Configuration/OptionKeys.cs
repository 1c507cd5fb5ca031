namespace CognitoAuth.Client.Configuration;

/// <summary>
/// The option keys that only some flows read (each flow lists its own in <c>ISignInFlow.Keys</c>), and whether a key is
/// set. The keys every flow reads (<c>ClientId</c>, <c>ApiBaseAddress</c>, <c>UserPoolId</c>, …) are not here.
/// </summary>
internal static class OptionKeys
{
    public const string Username = nameof(CognitoApiClientOptions.Username);
    public const string Password = nameof(CognitoApiClientOptions.Password);
    public const string NewPassword = nameof(CognitoApiClientOptions.NewPassword);
    public const string TotpSecret = nameof(CognitoApiClientOptions.TotpSecret);
    public const string UserAttributes = nameof(CognitoApiClientOptions.UserAttributes);
    public const string Scopes = nameof(CognitoApiClientOptions.Scopes);
    public const string TokenEndpoint = nameof(CognitoApiClientOptions.TokenEndpoint);
    public const string AuthorizationEndpoint = nameof(CognitoApiClientOptions.AuthorizationEndpoint);
    public const string RedirectUri = nameof(CognitoApiClientOptions.RedirectUri);
    public const string LogoutUri = nameof(CognitoApiClientOptions.LogoutUri);
    public const string CustomAuthWithSrp = nameof(CognitoApiClientOptions.CustomAuthWithSrp);
    public const string PreferredChallenge = nameof(CognitoApiClientOptions.PreferredChallenge);
    public const string RememberDevice = nameof(CognitoApiClientOptions.RememberDevice);

    /// <summary>What a flow that signs a configured user in with a password (and answers its challenges) reads.</summary>
    public static readonly IReadOnlySet<string> User = new HashSet<string>(StringComparer.Ordinal) { Username, Password, NewPassword, TotpSecret, UserAttributes, RememberDevice };

    /// <summary>
    /// The flow-specific keys, in the order their errors are reported, with whether each is set. <see cref="TokenEndpoint"/>
    /// is not among them: like <c>ServiceUrl</c> it describes the pool, and a local stack (Aspire's <c>WithReference</c>,
    /// Contract 7) hands it to every app, whatever flow the app uses.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, Func<CognitoApiClientOptions, bool> IsSet)> FlowSpecific =
    [
        (Username, static o => !string.IsNullOrEmpty(o.Username)),
        (Password, static o => !string.IsNullOrEmpty(o.Password)),
        (NewPassword, static o => !string.IsNullOrEmpty(o.NewPassword)),
        (TotpSecret, static o => !string.IsNullOrEmpty(o.TotpSecret)),
        (UserAttributes, static o => o.UserAttributes.Count > 0),
        (Scopes, static o => o.Scopes is not null),
        (AuthorizationEndpoint, static o => o.AuthorizationEndpoint is not null),
        (RedirectUri, static o => o.RedirectUri is not null),
        (LogoutUri, static o => o.LogoutUri is not null),
        (CustomAuthWithSrp, static o => o.CustomAuthWithSrp),
        (PreferredChallenge, static o => o.PreferredChallenge is not null),
        (RememberDevice, static o => o.RememberDevice),
    ];

    /// <summary>The set <paramref name="keys"/> and <paramref name="more"/>.</summary>
    public static IReadOnlySet<string> Of(IEnumerable<string> keys, params string[] more) => new HashSet<string>(keys.Concat(more), StringComparer.Ordinal);
}
