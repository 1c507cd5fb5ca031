using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// Pre sign-up (<c>LambdaConfig.PreSignUp</c>): before <c>SignUp</c> and <c>AdminCreateUser</c> create the user. The answer
/// can confirm the user (<c>autoConfirmUser</c>) and mark their email or phone verified (<c>autoVerifyEmail</c>,
/// <c>autoVerifyPhone</c>); the function throwing refuses the sign-up.
/// </summary>
internal static class PreSignUpTrigger
{
    public const string Name = "PreSignUp";
    public const string SignUp = "PreSignUp_SignUp";
    public const string AdminCreateUser = "PreSignUp_AdminCreateUser";
    public const string ExternalProvider = "PreSignUp_ExternalProvider";

    private static readonly string[] Sources = [SignUp, AdminCreateUser, ExternalProvider];

    public static JsonObject Event(
        string source, TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes,
        IReadOnlyDictionary<string, string>? validationData, IReadOnlyDictionary<string, string>? clientMetadata) =>
        TriggerEvent.Create("1", TriggerEvent.Source(source, Sources), context, userName,
            new JsonObject
            {
                ["userAttributes"] = TriggerEvent.Map(userAttributes),
                ["validationData"] = validationData is null ? null : TriggerEvent.Map(validationData),
            }.WithClientMetadata(clientMetadata),
            new JsonObject { ["autoConfirmUser"] = false, ["autoVerifyEmail"] = false, ["autoVerifyPhone"] = false });

    public static PreSignUpAnswer Read(JsonObject answer)
    {
        var response = TriggerEvent.Response(answer);
        return new(
            TriggerEvent.Boolean(response, "autoConfirmUser") ?? false,
            TriggerEvent.Boolean(response, "autoVerifyEmail") ?? false,
            TriggerEvent.Boolean(response, "autoVerifyPhone") ?? false);
    }
}

/// <summary>What a pre sign-up function decided.</summary>
internal sealed record PreSignUpAnswer(bool AutoConfirmUser, bool AutoVerifyEmail, bool AutoVerifyPhone)
{
    /// <summary>
    /// The attributes to mark verified, as Cognito applies the answer: <c>email_verified</c> when the function asked and the
    /// user has an <c>email</c>, <c>phone_number_verified</c> likewise for <c>phone_number</c>.
    /// </summary>
    public IReadOnlyList<string> VerifiedAttributes(IReadOnlyCollection<KeyValuePair<string, string>> userAttributes)
    {
        ArgumentNullException.ThrowIfNull(userAttributes);
        List<string> verified = [];
        if (AutoVerifyEmail && userAttributes.Any(a => a.Key == "email"))
        {
            verified.Add("email_verified");
        }

        if (AutoVerifyPhone && userAttributes.Any(a => a.Key == "phone_number"))
        {
            verified.Add("phone_number_verified");
        }

        return verified;
    }
}
