using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// Post authentication (<c>LambdaConfig.PostAuthentication</c>): after a successful sign-in, before the tokens are returned.
/// The function throwing fails the sign-in (no tokens).
/// </summary>
internal static class PostAuthenticationTrigger
{
    public const string Name = "PostAuthentication";
    public const string Authentication = "PostAuthentication_Authentication";

    public static JsonObject Event(
        TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, bool newDeviceUsed,
        IReadOnlyDictionary<string, string>? clientMetadata) =>
        TriggerEvent.Create("1", Authentication, context, userName,
            new JsonObject { ["userAttributes"] = TriggerEvent.Map(userAttributes), ["newDeviceUsed"] = newDeviceUsed }.WithClientMetadata(clientMetadata),
            []);

    public static void Read(JsonObject answer) => TriggerEvent.Response(answer);
}
