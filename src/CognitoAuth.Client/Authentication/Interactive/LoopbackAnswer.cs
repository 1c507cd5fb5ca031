namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// How the listener answers a request on the redirect path: whether it ends the wait (the sign-in's own answer), and the
/// small page the browser shows.
/// </summary>
internal sealed record LoopbackAnswer(bool Ends, int StatusCode, string Title, string Message)
{
    /// <summary>This request is the one awaited: show <paramref name="message"/> and stop listening.</summary>
    public static LoopbackAnswer Accept(string title, string message) => new(Ends: true, 200, title, message);

    /// <summary>Not this sign-in's answer: refuse it with a 400 page and keep waiting for the real one.</summary>
    public static LoopbackAnswer Refuse(string title, string message) => new(Ends: false, 400, title, message);
}
