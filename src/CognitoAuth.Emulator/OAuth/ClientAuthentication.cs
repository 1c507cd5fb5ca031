using System.Text;
using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// How a request to the token or revocation endpoint names its app client: <c>client_secret_basic</c>
/// (<c>Authorization: Basic base64(id:secret)</c>), <c>client_secret_post</c> (<c>client_id</c> and <c>client_secret</c> in
/// the body), or, for a client without a secret, <c>client_id</c> alone. Sending the secret both ways is
/// <c>invalid_request</c> (RFC 6749 §2.3); an unknown client, a missing or wrong secret, or a secret for a client that has
/// none is <c>invalid_client</c>.
/// </summary>
internal static class ClientAuthentication
{
    /// <summary>The client id and secret the request presents, or the error code of a malformed presentation.</summary>
    public static (string ClientId, string? Secret, string? Error) Read(string authorization, IFormCollection form)
    {
        var postedId = form["client_id"].ToString();
        var postedSecret = form["client_secret"].ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return postedId.Length == 0 ? (string.Empty, null, "invalid_client") : (postedId, postedSecret.Length == 0 ? null : postedSecret, null);
        }

        if (postedSecret.Length > 0)
        {
            return (string.Empty, null, "invalid_request");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return (string.Empty, null, "invalid_client");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (string.Empty, null, "invalid_client");
        }

        // RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined.
        var clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return postedId.Length > 0 && postedId != clientId ? (string.Empty, null, "invalid_request") : (clientId, secret.Length == 0 ? null : secret, null);
    }

    /// <summary>Whether the presented secret is the client's (none presented for a client without one). Call under the gate.</summary>
    public static bool Verifies(AppClient client, string? presentedSecret) =>
        client.ClientSecret is null ? presentedSecret is null : client.IsSecret(presentedSecret);
}
