using CognitoAuth.Emulator.Cognito.Model;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// Sends what Cognito would e-mail or text to the emulator's inbox, worded by the pool's message templates (or Cognito's
/// defaults), and answers with the masked <c>CodeDeliveryDetails</c> Cognito returns (<c>t***@e***</c>, <c>+*******1234</c>).
/// </summary>
internal static class CodeDelivery
{
    public static CodeDeliveryDetailsType? Send(UserPool pool, PoolUser user, InboxMessageKind kind, string code)
    {
        var (medium, attribute, destination) = user.Email is { } email
            ? ("EMAIL", "email", email)
            : user.Attribute("phone_number") is { } phone ? ("SMS", "phone_number", phone) : (null, null, null);
        if (medium is null)
        {
            return null;
        }

        var (subject, template) = Template(pool.Config, kind, medium);
        var body = template.Replace("{####}", code, StringComparison.Ordinal).Replace("{username}", user.Username, StringComparison.Ordinal);
        pool.Directory.Inbox.Deliver(new InboxMessage(pool.Id, user.Username, medium, destination!, kind, subject, body, code, pool.Now));
        return new CodeDeliveryDetailsType { Destination = Mask(destination!, medium), DeliveryMedium = medium, AttributeName = attribute };
    }

    /// <summary>
    /// Sends a sign-in code (<c>EMAIL_OTP</c>, <c>SMS_OTP</c>, <c>SMS_MFA</c>) to where its challenge said it would go, worded by
    /// the pool's MFA templates (<c>EmailMfaConfiguration.Message</c>/<c>Subject</c>, <c>SmsMfaConfiguration.SmsAuthenticationMessage</c>
    /// or the pool's <c>SmsAuthenticationMessage</c>), else the emulator's default.
    /// </summary>
    public static void SendSignInCode(UserPool pool, PoolUser user, SignInCode code)
    {
        var (subject, template) = code.Medium == "EMAIL"
            ? (Member(pool.MfaSettings.Email, "Subject") ?? PoolDefaults.AuthenticationSubject, Member(pool.MfaSettings.Email, "Message") ?? PoolDefaults.AuthenticationMessage)
            : (PoolDefaults.AuthenticationSubject, Member(pool.MfaSettings.Sms, "SmsAuthenticationMessage") ?? pool.Config.SmsAuthenticationMessage ?? PoolDefaults.AuthenticationMessage);
        var body = template.Replace("{####}", code.Code, StringComparison.Ordinal).Replace("{username}", user.Username, StringComparison.Ordinal);
        pool.Directory.Inbox.Deliver(new InboxMessage(pool.Id, user.Username, code.Medium, code.Destination, InboxMessageKind.Authentication, subject, body, code.Code, pool.Now));
    }

    private static string? Member(System.Text.Json.JsonElement? settings, string name) =>
        settings is { ValueKind: System.Text.Json.JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind == System.Text.Json.JsonValueKind.String
            ? member.GetString()
            : null;

    /// <summary>What Cognito answers for a user it will not reveal (PreventUserExistenceErrors): a plausible delivery, no message.</summary>
    public static CodeDeliveryDetailsType Pretend(string username) =>
        new() { Destination = Mask(username.Contains('@', StringComparison.Ordinal) ? username : username + "@example.com", "EMAIL"), DeliveryMedium = "EMAIL", AttributeName = "email" };

    private static (string Subject, string Body) Template(UserPoolType config, InboxMessageKind kind, string medium)
    {
        if (kind == InboxMessageKind.TemporaryPassword)
        {
            var invite = config.AdminCreateUserConfig?.InviteMessageTemplate;
            return (invite?.EmailSubject ?? PoolDefaults.InvitationSubject,
                (medium == "SMS" ? invite?.SMSMessage : invite?.EmailMessage) ?? PoolDefaults.InvitationMessage);
        }

        var template = config.VerificationMessageTemplate;
        return (template?.EmailSubject ?? config.EmailVerificationSubject ?? PoolDefaults.VerificationSubject,
            (medium == "SMS" ? template?.SmsMessage ?? config.SmsVerificationMessage : template?.EmailMessage ?? config.EmailVerificationMessage)
                ?? PoolDefaults.VerificationMessage);
    }

    // Cognito keeps the first character of the local part and of the domain, and nothing of the rest (t***@e***: no TLD,
    // as SignUp and ForgotPassword answer today); of a phone number it keeps the '+' and the last four digits, one '*'
    // for each digit hidden (+*******1234 for a US number, +********5678 for a Japanese one).
    internal static string Mask(string destination, string medium)
    {
        if (medium == "SMS")
        {
            var hidden = Math.Max(destination.Length - 4, 0);
            var plus = hidden > 0 && destination.StartsWith('+') ? 1 : 0;
            return destination[..plus] + new string('*', Math.Max(hidden - plus, 0)) + destination[hidden..];
        }

        var at = destination.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == destination.Length - 1)
        {
            return "***";
        }

        return $"{destination[0]}***@{destination[at + 1]}***";
    }
}
