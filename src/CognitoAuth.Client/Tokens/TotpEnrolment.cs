using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Tokens;

/// <summary><see cref="ICognitoTotpEnrolment"/>: signs the client's user in (or uses its cached tokens) and enrols an authenticator.</summary>
internal sealed class TotpEnrolment(CognitoClientCatalog catalog, CognitoTokenManager tokens, SoftwareTokenEnrolment enrolment) : ICognitoTotpEnrolment
{
    public async Task<CognitoTotpSecret> EnrolAsync(string clientName, string? deviceName = null, CancellationToken cancellationToken = default)
    {
        var client = await tokens.BindAsync(catalog.Get(clientName), cancellationToken).ConfigureAwait(false);
        if (client.Context.Options.AuthFlow == CognitoAuthFlow.ClientCredentials)
        {
            throw new InvalidOperationException($"Client '{clientName}' uses the client-credentials flow: there is no user to enrol an authenticator for.");
        }

        var current = await tokens.GetAsync(client, cancellationToken).ConfigureAwait(false);
        var (secret, spentStep) = await enrolment.EnrolAsync(client.Context, current.Tokens.AccessToken, deviceName, cancellationToken).ConfigureAwait(false);
        client.Slot.Memory = client.Slot.Memory with { LastTotpStep = spentStep };
        return new CognitoTotpSecret(secret, current.Tokens.Username ?? client.Context.Username);
    }
}
