using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// User migration (<c>LambdaConfig.UserMigration</c>): when an unknown user signs in with a password
/// (<c>UserMigration_Authentication</c>, the password in the event) or asks to reset a forgotten password
/// (<c>UserMigration_ForgotPassword</c>, no password). The answer's <c>userAttributes</c> create the user with
/// <c>finalUserStatus</c>; no attributes means the old store does not know the user either.
/// </summary>
internal static class UserMigrationTrigger
{
    public const string Name = "UserMigration";
    public const string Authentication = "UserMigration_Authentication";
    public const string ForgotPassword = "UserMigration_ForgotPassword";

    private static readonly string[] Sources = [Authentication, ForgotPassword];
    private static readonly string[] FinalStatuses = ["CONFIRMED", "RESET_REQUIRED"];
    private static readonly string[] MessageActions = ["SUPPRESS", "RESEND"];
    private static readonly string[] DeliveryMediums = ["EMAIL", "SMS"];

    /// <summary>The event; the password is the one typed at sign-in, <see langword="null"/> (and left out) for a forgotten password.</summary>
    public static JsonObject Event(
        string source, TriggerContext context, string userName, string? password,
        IReadOnlyDictionary<string, string>? validationData, IReadOnlyDictionary<string, string>? clientMetadata)
    {
        TriggerEvent.Source(source, Sources);
        var request = new JsonObject();
        if (source == Authentication)
        {
            request["password"] = password ?? throw new ArgumentNullException(nameof(password), "A sign-in migration carries the password.");
        }

        if (validationData is not null)
        {
            request["validationData"] = TriggerEvent.Map(validationData);
        }

        return TriggerEvent.Create("1", source, context, userName, request.WithClientMetadata(clientMetadata), new JsonObject
        {
            ["userAttributes"] = null,
            ["finalUserStatus"] = null,
            ["messageAction"] = null,
            ["desiredDeliveryMediums"] = null,
            ["forceAliasCreation"] = null,
            ["enableSMSMFA"] = null,
        });
    }

    public static UserMigrationAnswer Read(JsonObject answer)
    {
        var response = TriggerEvent.Response(answer);
        var status = TriggerEvent.String(response, "finalUserStatus");
        var action = TriggerEvent.String(response, "messageAction");
        var mediums = TriggerEvent.StringList(response, "desiredDeliveryMediums") ?? [];
        if ((status is not null && !FinalStatuses.Contains(status)) || (action is not null && !MessageActions.Contains(action))
            || mediums.Any(m => !DeliveryMediums.Contains(m)))
        {
            throw TriggerErrors.AnswerUnrecognizable();
        }

        return new(
            TriggerEvent.StringMap(response, "userAttributes"),
            status ?? "CONFIRMED",
            action,
            mediums,
            TriggerEvent.Boolean(response, "forceAliasCreation") ?? false,
            TriggerEvent.Boolean(response, "enableSMSMFA") ?? false);
    }
}

/// <summary>
/// What a migration function answered. <see cref="UserAttributes"/> <see langword="null"/>: not migrated. A migrated user is
/// created with <see cref="FinalUserStatus"/> (<c>CONFIRMED</c> by default; <c>RESET_REQUIRED</c> makes them reset the
/// password first) and, on sign-in, the password they typed.
/// </summary>
internal sealed record UserMigrationAnswer(
    IReadOnlyDictionary<string, string>? UserAttributes,
    string FinalUserStatus,
    string? MessageAction,
    IReadOnlyList<string> DesiredDeliveryMediums,
    bool ForceAliasCreation,
    bool EnableSmsMfa)
{
    public bool Migrated => UserAttributes is not null;

    /// <summary>The attributes the migrated user gets: the answer's, less those Cognito sets itself (<c>sub</c>, <c>username</c>, <c>cognito:*</c>).</summary>
    public IEnumerable<KeyValuePair<string, string>> KeptAttributes =>
        (UserAttributes ?? new Dictionary<string, string>()).Where(a => a.Key is not "sub" and not "username" && !a.Key.StartsWith("cognito:", StringComparison.Ordinal));
}
