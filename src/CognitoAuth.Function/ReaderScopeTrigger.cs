using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Function;

/// <summary>
/// The reference stack's pre token generation trigger (event version 2, <c>V2_0</c>): a user in the group
/// <see cref="ReadersGroup"/> gets the scope <see cref="GrantedScope"/> in the access token, anyone else nothing. Same raw
/// <see cref="Stream"/> contract as <see cref="ApiFunction"/>: the Cognito event in, the same event with its <c>response</c>
/// filled in out (Cognito reads <c>response</c> back from the returned event), no Amazon.Lambda package.
/// </summary>
public sealed class ReaderScopeTrigger
{
    /// <summary>The group whose members may read <c>GET /scoped/hello</c>.</summary>
    public const string ReadersGroup = "readers";

    /// <summary>The scope added to their access tokens: the resource server's <c>hello.read</c>.</summary>
    public const string GrantedScope = "cognito-auth-api/hello.read";

    /// <summary>Handles one pre token generation event.</summary>
    /// <param name="request">The raw Cognito trigger event.</param>
    /// <returns>The event with <c>response.claimsAndScopeOverrideDetails</c> set when the user is a reader.</returns>
    /// <exception cref="JsonException">The event is not a JSON object; the runtime reports it as the function's error, and
    /// Cognito fails the sign-in with <c>UserLambdaValidationException</c> rather than issuing a token it should not.</exception>
    public Stream Handle(Stream request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evt = JsonNode.Parse(request) as JsonObject
            ?? throw new JsonException("The pre token generation event is not a JSON object.");
        var trigger = JsonSerializer.Deserialize(evt, TriggerJsonContext.Default.PreTokenGenerationEvent)
            ?? throw new JsonException("The pre token generation event is empty.");

        if (GrantsReaderScope(trigger))
        {
            var answer = new PreTokenGenerationResponse
            {
                ClaimsAndScopeOverrideDetails = new ClaimsAndScopeOverrideDetails
                {
                    AccessTokenGeneration = new AccessTokenGeneration { ScopesToAdd = [GrantedScope] },
                },
            };
            evt["response"] = JsonSerializer.SerializeToNode(answer, TriggerJsonContext.Default.PreTokenGenerationResponse);
        }

        var output = new MemoryStream(capacity: 512);
        using (var writer = new Utf8JsonWriter(output))
        {
            evt.WriteTo(writer);
        }

        output.Position = 0;
        return output;
    }

    /// <summary>
    /// Only a version 2 or 3 event can change the access token (version 1 customizes the ID token alone), and only a user
    /// whose groups, as Cognito is about to write them, include the readers group is granted the scope.
    /// </summary>
    internal static bool GrantsReaderScope(PreTokenGenerationEvent trigger) =>
        trigger.Version is "2" or "3"
        && trigger.Request?.GroupConfiguration?.GroupsToOverride is { } groups
        && groups.Contains(ReadersGroup, StringComparer.Ordinal);
}
