using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// The inbox over HTTP: <c>GET {CognitoEndpoint}_local/inbox</c> lists the messages oldest first as
/// <c>{"messages": [{userPoolId, username, deliveryMedium, destination, kind, subject, body, code, sentAt}]}</c>,
/// narrowed by <c>?to=address</c> and <c>?userPoolId=…</c>; <c>DELETE</c> empties it.
/// </summary>
internal static class InboxEndpoint
{
    public const string Path = "/_local/inbox";

    public static async Task HandleAsync(HttpContext context, EmulatorInbox inbox)
    {
        if (HttpMethods.IsDelete(context.Request.Method))
        {
            inbox.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var to = context.Request.Query["to"].ToString();
        var poolId = context.Request.Query["userPoolId"].ToString();
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WireJson.Indented);
        writer.WriteStartObject();
        writer.WriteStartArray("messages");
        foreach (var message in inbox.Messages)
        {
            if ((to.Length > 0 && !string.Equals(message.Destination, to, StringComparison.OrdinalIgnoreCase))
                || (poolId.Length > 0 && message.UserPoolId != poolId))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("userPoolId", message.UserPoolId);
            writer.WriteString("username", message.Username);
            writer.WriteString("deliveryMedium", message.DeliveryMedium);
            writer.WriteString("destination", message.Destination);
            writer.WriteString("kind", message.Kind.ToString());
            writer.WriteString("subject", message.Subject);
            writer.WriteString("body", message.Body);
            writer.WriteString("code", message.Code);
            writer.WriteString("sentAt", message.SentAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
