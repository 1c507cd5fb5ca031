using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The one place a message with a code leaves a pool for the emulator's inbox — what Cognito would e-mail or text — worded by
/// the pool's message templates (or Cognito's defaults) and then by the pool's CustomMessage trigger, and answered with the
/// masked <c>CodeDeliveryDetails</c> Cognito returns (<c>t***@e***</c>, <c>+*******1234</c>). In three steps, because the
/// trigger runs outside the state lock: <see cref="Prepare"/> under the lock (to whom, by which medium, the pool's
/// wording, the trigger), <see cref="CustomizeAsync"/> without it (the function rewords it, or the operation fails and
/// nothing changes), <see cref="Deliver"/> under the lock again, when the operation commits (the code filled in).
/// Every sender goes through it — sign-up, resend, password reset, invitations, and codes sent at sign-in (source
/// <c>CustomMessage_Authentication</c>) — so the trigger cannot be missed.
/// </summary>
internal static class CodeDelivery
{
    /// <summary>
    /// Under the lock: the message a user with <paramref name="attributes"/> would get (by e-mail when they have an
    /// <c>email</c>, else by SMS to <c>phone_number</c>), or <see langword="null"/> when they have neither.
    /// </summary>
    /// <param name="pool">The pool sending it (its templates and triggers).</param>
    /// <param name="username">The user's real username (the event's <c>userName</c>, the invitation's <c>{username}</c>).</param>
    /// <param name="attributes">The user's attributes as they will be when the message is sent (the event's <c>userAttributes</c>).</param>
    /// <param name="kind">Why it is sent (which template).</param>
    /// <param name="source">The CustomMessage <c>triggerSource</c> (<see cref="CustomMessageTrigger"/>'s constants).</param>
    /// <param name="clientId">The app client of the operation, <see langword="null"/> for an admin operation.</param>
    /// <param name="clientMetadata">The operation's <c>ClientMetadata</c>, for the event's <c>clientMetadata</c>.</param>
    public static OutgoingMessage? Prepare(
        UserPool pool, string username, IReadOnlyList<KeyValuePair<string, string>> attributes, InboxMessageKind kind, string source,
        string? clientId, IReadOnlyDictionary<string, string>? clientMetadata)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(attributes);
        var email = attributes.LastOrDefault(a => a.Key == "email").Value;
        var phone = attributes.LastOrDefault(a => a.Key == "phone_number").Value;
        var (medium, attribute, destination) = email is { Length: > 0 } ? ("EMAIL", "email", email)
            : phone is { Length: > 0 } ? ("SMS", "phone_number", phone)
            : (null, null, null);
        if (medium is null)
        {
            return null;
        }

        var (subject, body) = Template(pool.Config, kind, medium);
        var triggers = pool.Triggers(clientId) is { } all && all.Has(CustomMessageTrigger.Name) ? all : null;
        return new OutgoingMessage(pool.Id, username, medium, attribute!, destination!, kind, source, subject, body, triggers, attributes, clientMetadata);
    }

    /// <summary>
    /// Outside the lock: the pool's CustomMessage function, when it has one, rewords the message (its <c>emailSubject</c>,
    /// <c>emailMessage</c>, <c>smsMessage</c>; a member it leaves null keeps the pool's wording).
    /// </summary>
    /// <exception cref="Cognito.CognitoServiceException">The trigger failed, as Cognito reports it, or its text has no
    /// <c>{####}</c> (<c>InvalidParameterException</c>): the operation must then change nothing.</exception>
    public static async Task<OutgoingMessage?> CustomizeAsync(OutgoingMessage? message, CancellationToken cancellationToken)
    {
        if (message?.Triggers is not { } triggers)
        {
            return message;
        }

        var answer = await triggers.CustomMessageAsync(message.Source, message.Username, message.UserAttributes, message.ClientMetadata, cancellationToken)
            .ConfigureAwait(false);
        if (answer is null)
        {
            return message with { Triggers = null };
        }

        var (subject, body) = answer.Apply(message.Medium, message.Subject, message.Body);
        return message with { Subject = subject, Body = body, Triggers = null };
    }

    /// <summary>
    /// Under the lock, as the operation commits: the message with <paramref name="code"/> (and the username) filled in goes
    /// to the inbox; the answer is the <c>CodeDeliveryDetails</c> to return. <see langword="null"/> in, <see langword="null"/> out.
    /// </summary>
    public static CodeDeliveryDetailsType? Deliver(UserPool pool, OutgoingMessage? message, string code)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (message is null)
        {
            return null;
        }

        pool.Directory.Inbox.Deliver(new InboxMessage(
            pool.Id, message.Username, message.Medium, message.Destination, message.Kind, Fill(message.Subject, code, message.Username),
            Fill(message.Body, code, message.Username), code, pool.Now));
        return new CodeDeliveryDetailsType { Destination = Mask(message.Destination, message.Medium), DeliveryMedium = message.Medium, AttributeName = message.AttributeName };
    }

    /// <summary>
    /// Under the lock: the message carrying a sign-in code (<c>EMAIL_OTP</c>, <c>SMS_OTP</c>, <c>SMS_MFA</c>) to where its
    /// challenge said it would go (source <c>CustomMessage_Authentication</c>), worded by the pool's MFA templates
    /// (<c>EmailMfaConfiguration.Message</c>/<c>Subject</c>, <c>SmsMfaConfiguration.SmsAuthenticationMessage</c> or the pool's
    /// <c>SmsAuthenticationMessage</c>), else the emulator's default; then <see cref="CustomizeAsync"/> and
    /// <see cref="Deliver"/> with the code, like every other message.
    /// </summary>
    public static OutgoingMessage PrepareSignInCode(
        UserPool pool, PoolUser user, SignInCode code, string clientId, IReadOnlyDictionary<string, string>? clientMetadata)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var (subject, body) = code.Medium == "EMAIL"
            ? (Member(pool.MfaSettings.Email, "Subject") ?? PoolDefaults.AuthenticationSubject, Member(pool.MfaSettings.Email, "Message") ?? PoolDefaults.AuthenticationMessage)
            : (PoolDefaults.AuthenticationSubject, Member(pool.MfaSettings.Sms, "SmsAuthenticationMessage") ?? pool.Config.SmsAuthenticationMessage ?? PoolDefaults.AuthenticationMessage);
        var triggers = pool.Triggers(clientId) is { } all && all.Has(CustomMessageTrigger.Name) ? all : null;
        return new OutgoingMessage(pool.Id, user.Username, code.Medium, code.Medium == "EMAIL" ? "email" : "phone_number", code.Destination,
            InboxMessageKind.Authentication, CustomMessageTrigger.Authentication, subject, body, triggers, user.SnapshotAttributes(), clientMetadata);
    }

    private static string? Member(System.Text.Json.JsonElement? settings, string name) =>
        settings is { ValueKind: System.Text.Json.JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind == System.Text.Json.JsonValueKind.String
            ? member.GetString()
            : null;

    /// <summary>What Cognito answers for a user it will not reveal (PreventUserExistenceErrors): a plausible delivery, no message.</summary>
    public static CodeDeliveryDetailsType Pretend(string username) =>
        new() { Destination = Mask(username.Contains('@', StringComparison.Ordinal) ? username : username + "@example.com", "EMAIL"), DeliveryMedium = "EMAIL", AttributeName = "email" };

    // The link placeholder ({##Click Here##}) stays as written: the emulator sends codes, not verification links.
    private static string Fill(string text, string code, string username) => text
        .Replace(CustomMessageTrigger.CodeParameter, code, StringComparison.Ordinal)
        .Replace(CustomMessageTrigger.UsernameParameter, username, StringComparison.Ordinal);

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

/// <summary>
/// A message about to leave a pool (<see cref="CodeDelivery"/>): to whom, by which medium, why, its subject and text with
/// the placeholders (<c>{####}</c>, <c>{username}</c>) still in, and — until <see cref="CodeDelivery.CustomizeAsync"/> has
/// run it — the pool's CustomMessage trigger with what its event needs. Never the code.
/// </summary>
internal sealed record OutgoingMessage(
    string UserPoolId,
    string Username,
    string Medium,
    string AttributeName,
    string Destination,
    InboxMessageKind Kind,
    string Source,
    string Subject,
    string Body,
    UserPoolTriggers? Triggers,
    IReadOnlyList<KeyValuePair<string, string>> UserAttributes,
    IReadOnlyDictionary<string, string>? ClientMetadata);
