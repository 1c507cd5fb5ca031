using Amazon.CDK.AWS.Cognito;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Identity;

/// <summary>An app client definition's OAuth 2.0 settings (flows, scopes, URLs) as the L2 <see cref="OAuthSettings"/>.</summary>
internal static class OAuth
{
    /// <summary>The scopes Cognito itself defines; any other scope must be a resource server's <c>{identifier}/{name}</c>.</summary>
    private static readonly string[] StandardScopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

    /// <summary>
    /// The settings for <paramref name="client"/>, or <see langword="null"/> when it defines no OAuth flow (then the client
    /// is deployed with OAuth disabled).
    /// </summary>
    public static OAuthSettings? SettingsOf(AppClientDefinition client, IUserPoolResourceServer resourceServer, ResourceServerDefinition resourceServerDefinition)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.AllowedOAuthFlows.Count == 0)
        {
            return null;
        }

        return new OAuthSettings
        {
            Flows = FlowsOf(client.AllowedOAuthFlows),
            Scopes = [.. client.AllowedOAuthScopes.Select(s => ScopeOf(s, resourceServer, resourceServerDefinition))],
            CallbackUrls = client.CallbackUrls.Count > 0 ? [.. client.CallbackUrls] : null,
            LogoutUrls = client.LogoutUrls.Count > 0 ? [.. client.LogoutUrls] : null,
        };
    }

    /// <summary>Maps Cognito's flow names onto the L2's switches; a name it cannot express fails the synth.</summary>
    internal static OAuthFlows FlowsOf(IReadOnlyCollection<string> flows)
    {
        string[] known = ["code", "implicit", "client_credentials"];
        var unknown = flows.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The app client's OAuth flows include ones Cognito does not have: {string.Join(", ", unknown)}.", nameof(flows));
        }

        return new OAuthFlows
        {
            AuthorizationCodeGrant = flows.Contains("code", StringComparer.Ordinal),
            ImplicitCodeGrant = flows.Contains("implicit", StringComparer.Ordinal),
            ClientCredentials = flows.Contains("client_credentials", StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// A standard scope by name; a custom scope through the resource server, so that the client's scope refers to the
    /// resource server and CloudFormation creates the server (and its scope) before the client that names it.
    /// </summary>
    internal static OAuthScope ScopeOf(string scope, IUserPoolResourceServer resourceServer, ResourceServerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(definition);
        var slash = scope.LastIndexOf('/');
        if (slash < 0)
        {
            return StandardScopes.Contains(scope, StringComparer.Ordinal)
                ? OAuthScope.Custom(scope)
                : throw new ArgumentException($"The OAuth scope '{scope}' is neither a standard scope nor '{{resource server}}/{{scope}}'.", nameof(scope));
        }

        var (identifier, name) = (scope[..slash], scope[(slash + 1)..]);
        var custom = definition.Scopes.FirstOrDefault(s => s.Name == name);
        if (identifier != definition.Identifier || custom is null)
        {
            throw new ArgumentException($"The OAuth scope '{scope}' is not a scope of the resource server '{definition.Identifier}'.", nameof(scope));
        }

        return OAuthScope.ResourceServer(resourceServer, new ResourceServerScope(new ResourceServerScopeProps
        {
            ScopeName = custom.Name,
            ScopeDescription = custom.Description,
        }));
    }
}
