using System.Text.Json;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// <c>NEW_PASSWORD_REQUIRED</c> (a user created with a temporary password): answers with the configured
/// <see cref="CognitoApiClientOptions.NewPassword"/> and the user attributes the challenge lists as required.
/// </summary>
internal sealed class NewPasswordRequiredResponder(ILogger<NewPasswordRequiredResponder> logger) : IChallengeResponder
{
    public string ChallengeName => ChallengeNameType.NewPasswordRequired;

    public ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var client = attempt.Client;
        if (string.IsNullOrEmpty(client.Options.NewPassword))
        {
            throw new CognitoAuthenticationException(
                $"The user of client '{client.Name}' must change the temporary password (Cognito answered NEW_PASSWORD_REQUIRED). " +
                $"Configure the new password as '{nameof(CognitoApiClientOptions.NewPassword)}' (e.g. CognitoAuth__NewPassword).",
                ChallengeNameType.NewPasswordRequired);
        }

        Log.AnsweringNewPasswordRequired(logger, client.Name);
        responses[AuthParameterNames.NewPassword] = client.Options.NewPassword;
        AddRequiredAttributes(responses, client.Options, challenge.Parameters.GetValueOrDefault(AuthParameterNames.RequiredAttributes));

        // From now on this user's password is the new one: a later sign-in (or this one's retry) starts with it.
        attempt.Password = client.Options.NewPassword;
        return ValueTask.CompletedTask;
    }

    /// <summary>Adds <c>userAttributes.&lt;name&gt;</c> for each name in the challenge's JSON array (whose entries carry that prefix).</summary>
    private static void AddRequiredAttributes(Dictionary<string, string> responses, CognitoApiClientOptions options, string? requiredAttributesJson)
    {
        if (string.IsNullOrEmpty(requiredAttributesJson))
        {
            return;
        }

        List<string> missing = [];
        foreach (var required in ParseNames(requiredAttributesJson))
        {
            var name = required.StartsWith(AuthParameterNames.UserAttributePrefix, StringComparison.Ordinal)
                ? required[AuthParameterNames.UserAttributePrefix.Length..]
                : required;
            if (options.UserAttributes.TryGetValue(name, out var value))
            {
                responses[AuthParameterNames.UserAttributePrefix + name] = value;
            }
            else
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            throw new CognitoAuthenticationException(
                $"Setting the new password requires the user attribute(s) {string.Join(", ", missing)}, which are not configured. " +
                $"Add them under '{nameof(CognitoApiClientOptions.UserAttributes)}' (e.g. CognitoAuth__UserAttributes__{missing[0]}).",
                ChallengeNameType.NewPasswordRequired);
        }
    }

    private static List<string> ParseNames(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                return [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).OfType<string>().Where(n => n.Length > 0)];
            }
        }
        catch (JsonException)
        {
        }

        throw new CognitoAuthenticationException("Cognito's NEW_PASSWORD_REQUIRED challenge has a malformed requiredAttributes parameter.", ChallengeNameType.NewPasswordRequired);
    }
}
