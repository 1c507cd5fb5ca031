using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Cognito;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// Custom message (<c>LambdaConfig.CustomMessage</c>): before Cognito sends a code or an invitation. The event carries
/// placeholders, not the code: <c>codeParameter</c> <c>{####}</c>, <c>usernameParameter</c> <c>{username}</c> (invitations
/// only), <c>linkParameter</c> <c>{##Click Here##}</c>; Cognito puts the real values where the function's message has them.
/// A message the function leaves null keeps the pool's default.
/// </summary>
internal static class CustomMessageTrigger
{
    public const string Name = "CustomMessage";
    public const string SignUp = "CustomMessage_SignUp";
    public const string AdminCreateUser = "CustomMessage_AdminCreateUser";
    public const string ResendCode = "CustomMessage_ResendCode";
    public const string ForgotPassword = "CustomMessage_ForgotPassword";
    public const string UpdateUserAttribute = "CustomMessage_UpdateUserAttribute";
    public const string VerifyUserAttribute = "CustomMessage_VerifyUserAttribute";
    public const string Authentication = "CustomMessage_Authentication";

    public const string CodeParameter = "{####}";
    public const string UsernameParameter = "{username}";
    public const string LinkParameter = "{##Click Here##}";

    private static readonly string[] Sources = [SignUp, AdminCreateUser, ResendCode, ForgotPassword, UpdateUserAttribute, VerifyUserAttribute, Authentication];

    public static JsonObject Event(
        string source, TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes,
        IReadOnlyDictionary<string, string>? clientMetadata) =>
        TriggerEvent.Create("1", TriggerEvent.Source(source, Sources), context, userName,
            new JsonObject
            {
                ["userAttributes"] = TriggerEvent.Map(userAttributes),
                ["codeParameter"] = CodeParameter,
                ["linkParameter"] = LinkParameter,
                ["usernameParameter"] = source == AdminCreateUser ? UsernameParameter : null,
            }.WithClientMetadata(clientMetadata),
            new JsonObject { ["smsMessage"] = null, ["emailMessage"] = null, ["emailSubject"] = null });

    public static CustomMessageAnswer Read(JsonObject answer)
    {
        var response = TriggerEvent.Response(answer);
        return new(
            TriggerEvent.String(response, "smsMessage"),
            TriggerEvent.String(response, "emailMessage"),
            TriggerEvent.String(response, "emailSubject"));
    }
}

/// <summary>The messages a custom message function wrote, with the placeholders still in them.</summary>
internal sealed record CustomMessageAnswer(string? SmsMessage, string? EmailMessage, string? EmailSubject)
{
    /// <summary>
    /// The subject and text to send by <paramref name="medium"/> (<c>EMAIL</c> or <c>SMS</c>): the function's where it wrote
    /// one, else the pool's (<paramref name="defaultSubject"/>, <paramref name="defaultBody"/>), placeholders still in.
    /// </summary>
    /// <exception cref="CognitoServiceException"><c>InvalidParameterException</c>, as Cognito answers, when the function's
    /// text has no <c>{####}</c>: the code (or temporary password) would not reach the user. Cognito checks the e-mail body
    /// against the pattern botocore gives <c>EmailVerificationMessageType</c>, the SMS against <c>SmsVerificationMessageType</c>'s.</exception>
    public (string Subject, string Body) Apply(string medium, string defaultSubject, string defaultBody)
    {
        var email = medium != "SMS";
        var written = email ? EmailMessage : SmsMessage;
        if (written is not null && !written.Contains(CustomMessageTrigger.CodeParameter, StringComparison.Ordinal))
        {
            var (member, pattern) = email
                ? ("emailBody", @"[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*")
                : ("smsMessage", @".*\{####\}.*");
            throw CognitoErrors.InvalidParameter(
                $"1 validation error detected: Value '{written}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }

        return (email ? EmailSubject ?? defaultSubject : defaultSubject, written ?? defaultBody);
    }
}
