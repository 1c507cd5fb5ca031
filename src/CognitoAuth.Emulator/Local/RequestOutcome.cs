using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Local;

/// <summary>
/// How a handler tells the request log what its answer meant beyond the status code: an OAuth <c>error</c> it wrote to the
/// body, which no header carries. AWS errors are read from <c>x-amzn-ErrorType</c>.
/// </summary>
internal static class RequestOutcome
{
    public const string ItemKey = "CognitoAuth.Emulator.Outcome";

    public static void Set(HttpContext context, string outcome) => context.Items[ItemKey] = outcome;

    public static string? Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is string outcome ? outcome
        : context.Response.Headers["x-amzn-ErrorType"].ToString() is { Length: > 0 } error ? error
        : null;
}
