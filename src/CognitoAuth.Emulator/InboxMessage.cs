namespace CognitoAuth.Emulator;

/// <summary>
/// An e-mail or SMS Cognito would have sent: a sign-up confirmation code, a temporary password, a password reset code.
/// Read it from <see cref="CognitoEmulator.Inbox"/> or <c>GET {CognitoEndpoint}_local/inbox</c> to complete the flow.
/// </summary>
public sealed class InboxMessage
{
    internal InboxMessage(string userPoolId, string username, string deliveryMedium, string destination, InboxMessageKind kind, string subject, string body, string code, DateTimeOffset sentAt)
    {
        UserPoolId = userPoolId;
        Username = username;
        DeliveryMedium = deliveryMedium;
        Destination = destination;
        Kind = kind;
        Subject = subject;
        Body = body;
        Code = code;
        SentAt = sentAt;
    }

    /// <summary>Gets the pool that sent the message.</summary>
    public string UserPoolId { get; }

    /// <summary>Gets the user's real username.</summary>
    public string Username { get; }

    /// <summary>Gets <c>EMAIL</c> or <c>SMS</c>.</summary>
    public string DeliveryMedium { get; }

    /// <summary>Gets the address or phone number it went to, unmasked.</summary>
    public string Destination { get; }

    /// <summary>Gets why it was sent.</summary>
    public InboxMessageKind Kind { get; }

    /// <summary>Gets the subject (e-mail): the pool's CustomMessage trigger's, else the pool's message templates' or Cognito's default.</summary>
    public string Subject { get; }

    /// <summary>Gets the text (the CustomMessage trigger's when it wrote one), with the code or temporary password and the username filled in.</summary>
    public string Body { get; }

    /// <summary>Gets the code or temporary password the message carries.</summary>
    public string Code { get; }

    /// <summary>Gets when it was sent, on the emulator's clock.</summary>
    public DateTimeOffset SentAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"InboxMessage {{ Kind = {Kind}, DeliveryMedium = {DeliveryMedium}, Destination = {Destination}, Code = *** }}";
}
