using System.Text.Json.Nodes;

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
    /// <summary>The e-mail's subject and body to send: the function's where it wrote one, else the defaults, with the code, username and link filled in.</summary>
    public (string Subject, string Body) Email(string defaultSubject, string defaultBody, string code, string userName) =>
        (Fill(EmailSubject ?? defaultSubject, code, userName), Fill(EmailMessage ?? defaultBody, code, userName));

    /// <summary>The SMS text to send, filled in likewise.</summary>
    public string Sms(string defaultMessage, string code, string userName) => Fill(SmsMessage ?? defaultMessage, code, userName);

    private static string Fill(string message, string code, string userName) => message
        .Replace(CustomMessageTrigger.CodeParameter, code, StringComparison.Ordinal)
        .Replace(CustomMessageTrigger.UsernameParameter, userName, StringComparison.Ordinal)
        .Replace(CustomMessageTrigger.LinkParameter, code, StringComparison.Ordinal);
}
