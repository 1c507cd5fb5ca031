using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>
/// What a sign-in flow owns of the configuration, as an ASP.NET Core authentication handler owns its options' validation:
/// the keys it reads and requires, and what names its tokens. The flow itself (<c>ISignInFlow</c>) implements it.
/// </summary>
internal interface IFlowRules
{
    /// <summary>The option value that selects this flow.</summary>
    CognitoAuthFlow AuthFlow { get; }

    /// <summary>
    /// The keys of <see cref="OptionKeys.FlowSpecific"/> this flow reads. One of the others, when set, is refused at start-up
    /// naming the flows that read it: a key the flow would ignore is an error rather than a silent surprise.
    /// </summary>
    IReadOnlySet<string> Keys { get; }

    /// <summary>What the flow asks for without <see cref="CognitoApiClientOptions.Scopes"/> (empty: all the app client's).</summary>
    string DefaultScopes => string.Empty;

    /// <summary>The flow's own rules: the keys it requires and how they go together. Every message names the key.</summary>
    void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors);

    /// <summary>
    /// Names the tokens <paramref name="client"/> signs in to: one signed-in identity per key. Client names with the same key
    /// share one sign-in; a change of key is another identity, whose tokens are never those of the old one.
    /// </summary>
    string StoreKey(CognitoClientContext client);
}
