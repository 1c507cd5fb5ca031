using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// Post confirmation (<c>LambdaConfig.PostConfirmation</c>): after a user is confirmed (<c>ConfirmSignUp</c>,
/// <c>AdminConfirmSignUp</c>) or confirms a forgotten password. Nothing is read from the answer; the function throwing
/// fails the operation (the confirmation itself stands, as in Cognito).
/// </summary>
internal static class PostConfirmationTrigger
{
    public const string Name = "PostConfirmation";
    public const string ConfirmSignUp = "PostConfirmation_ConfirmSignUp";
    public const string ConfirmForgotPassword = "PostConfirmation_ConfirmForgotPassword";

    private static readonly string[] Sources = [ConfirmSignUp, ConfirmForgotPassword];

    public static JsonObject Event(
        string source, TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes,
        IReadOnlyDictionary<string, string>? clientMetadata) =>
        TriggerEvent.Create("1", TriggerEvent.Source(source, Sources), context, userName,
            new JsonObject { ["userAttributes"] = TriggerEvent.Map(userAttributes) }.WithClientMetadata(clientMetadata),
            []);

    /// <summary>Checks the answer is readable (its <c>response</c> an object); there is nothing to apply.</summary>
    public static void Read(JsonObject answer) => TriggerEvent.Response(answer);
}
