using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// Pre authentication (<c>LambdaConfig.PreAuthentication</c>): when a user starts to sign in (not on a refresh). The
/// function throwing refuses the sign-in. <c>userNotFound</c> is sent, and the trigger fires for an unknown user, only when
/// the app client prevents user-existence errors.
/// </summary>
internal static class PreAuthenticationTrigger
{
    public const string Name = "PreAuthentication";
    public const string Authentication = "PreAuthentication_Authentication";

    public static JsonObject Event(
        TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes,
        IReadOnlyDictionary<string, string>? validationData, bool? userNotFound)
    {
        var request = new JsonObject
        {
            ["userAttributes"] = TriggerEvent.Map(userAttributes),
            ["validationData"] = validationData is null ? null : TriggerEvent.Map(validationData),
        };
        if (userNotFound is { } notFound)
        {
            request["userNotFound"] = notFound;
        }

        return TriggerEvent.Create("1", Authentication, context, userName, request, []);
    }

    public static void Read(JsonObject answer) => TriggerEvent.Response(answer);
}
