using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// <c>grant_type=client_credentials</c>: a client with a secret, authenticated (<c>invalid_client</c>), allowed the flow
/// with a domain on its pool (<c>unauthorized_client</c>), an optional <c>scope</c> among its custom scopes
/// (<c>invalid_scope</c>; every allowed custom scope when absent). The token carries a machine access token's claims.
/// </summary>
internal static class ClientCredentialsGrant
{
    public static async Task<TokenOutcome> RedeemAsync(PoolDirectory directory, string authorization, IFormCollection form, CancellationToken cancellationToken)
    {
        var (clientId, secret, problem) = ClientAuthentication.Read(authorization, form);
        if (problem is not null || secret is null)
        {
            return TokenOutcome.Fail(problem == "invalid_request" ? "invalid_request" : "invalid_client");
        }

        UserPool pool;
        IReadOnlyList<string> scopes;
        UserPoolTriggers? triggers;
        TimeSpan validity;
        DateTimeOffset issuedAt;
        lock (directory.Gate)
        {
            var found = directory.FindPoolOfClient(clientId);
            var client = found?.FindClient(clientId);
            if (found is null || client?.ClientSecret is null || !ClientAuthentication.Verifies(client, secret))
            {
                return TokenOutcome.Fail("invalid_client");
            }

            if (!client.AllowsClientCredentials || found.Domain is null)
            {
                return TokenOutcome.Fail("unauthorized_client");
            }

            var allowed = client.AllowedOAuthScopes.Where(found.IsCustomScope).ToList();
            var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            scopes = requested.Length == 0 ? allowed : [.. requested.Distinct(StringComparer.Ordinal)];
            if (scopes.Count == 0 || scopes.Any(s => !allowed.Contains(s, StringComparer.Ordinal)))
            {
                return TokenOutcome.Fail("invalid_scope");
            }

            pool = found;
            triggers = found.Triggers(client.ClientId);
            validity = client.AccessTokenValidity;
            issuedAt = found.Now;
        }

        // Signed outside the lock, as every token, after the PreTokenGeneration trigger (which runs here with V3_0 only).
        var customization = triggers is null
            ? null
            : await triggers.PreTokenGenerationAsync(PreTokenGenerationTrigger.ClientCredentials, null, [], [], scopes, null, cancellationToken).ConfigureAwait(false);
        var token = pool.Tokens.CreateClientCredentialsToken(clientId, scopes, issuedAt, validity, customization);
        return TokenOutcome.Granted(token, null, null, (int)validity.TotalSeconds);
    }
}
